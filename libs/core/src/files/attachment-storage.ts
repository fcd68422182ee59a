import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ValidationFailedError } from '../errors';
import { FileStore } from './file-store';

/** Document types an applicant may attach, recognised by extension and by their first bytes. */
const DOCUMENT_TYPES: Record<string, { contentType: string; magic: (b: Buffer) => boolean }> = {
  pdf: { contentType: 'application/pdf', magic: isPdf },
  hwp: { contentType: 'application/x-hwp', magic: (b) => b.readUInt32BE(0) === 0xd0cf11e0 },
  hwpx: { contentType: 'application/hwp+zip', magic: isZip },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: isZip },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: isZip },
};

/**
 * A PDF, not just something that starts with `%PDF-` (an executable with those five bytes got
 * through once): the header names a version, the file ends with `%%EOF` after a `startxref` whose
 * offset lies inside the file and points at a cross-reference table or an object.
 */
export function isPdf(b: Buffer): boolean {
  if (!/^%PDF-[12]\.\d/.test(b.subarray(0, 8).toString('latin1'))) return false;
  const tail = b.subarray(Math.max(0, b.length - 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return false;
  const offset = Number(m[1]);
  if (!Number.isSafeInteger(offset) || offset <= 8 || offset >= b.length) return false;
  const at = b.subarray(offset, offset + 32).toString('latin1');
  return /^(xref|\d+\s+\d+\s+obj)/.test(at);
}

function isZip(b: Buffer): boolean {
  return b.length >= 4 && b.readUInt32BE(0) === 0x504b0304;
}

export interface StoredDocument {
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}

/**
 * Uploaded documents: checked for type by extension and first bytes, then kept in the file store
 * (FILE_STORE; PostgreSQL by default, so every api instance serves what any other received).
 */
@Injectable()
export class AttachmentStorage {
  constructor(private readonly files: FileStore) {}

  static readonly allowedExtensions = Object.keys(DOCUMENT_TYPES);

  /** The media types stored documents are served as. */
  static readonly contentTypes = Object.values(DOCUMENT_TYPES).map((t) => t.contentType);

  /** What a document would be stored as; refuses types not accepted and content that does not match its extension. */
  check(filename: string, content: Buffer): { ext: string; contentType: string } {
    const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
    const type = DOCUMENT_TYPES[ext];
    if (!type) {
      throw new ValidationFailedError(`Files of type '.${ext}' are not accepted`, [{ field: 'file', reason: `allowed: ${AttachmentStorage.allowedExtensions.join(', ')}` }], 'FILE_TYPE_NOT_ALLOWED');
    }
    if (content.length < 8 || !type.magic(content)) {
      throw new ValidationFailedError(`The file is not a real .${ext} document`, [{ field: 'file', reason: `content does not match .${ext}` }], 'FILE_TYPE_MISMATCH');
    }
    return { ext, contentType: type.contentType };
  }

  /** Checks and stores a document under a new key; inside `tx` it commits with the row that points at it (PostgreSQL store). */
  async store(filename: string, content: Buffer, tx?: EntityManager): Promise<StoredDocument> {
    const { ext, contentType } = this.check(filename, content);
    const storageKey = `${randomUUID()}.${ext}`;
    await this.files.put(storageKey, content, tx);
    return { storageKey, contentType, byteSize: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  read(storageKey: string): Promise<Buffer> {
    return this.files.get(storageKey);
  }
}
