import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { ValidationFailedError } from '../errors';

export interface Upload {
  filename: string;
  buffer: Buffer;
}

export interface UploadStream {
  filename: string;
  /** The file's bytes as they arrive; 413 (PAYLOAD_TOO_LARGE) is thrown from it past the limit. */
  chunks: AsyncIterable<Buffer>;
  /** Reads and drops what is left, for a caller that stops early (else the request never ends). */
  drain(): void;
}

/**
 * Opens the single file part named `field` of a multipart request without reading it. Size limits
 * are enforced by @fastify/multipart while streaming (413): `fileSize` raises or lowers the
 * process's UPLOAD_LIMIT_MB for this route. A caller that stops reading early calls drain() so the
 * rest of the request is read (and dropped).
 */
export async function openUpload(req: FastifyRequest, field = 'file', fileSize?: number): Promise<UploadStream> {
  if (!req.isMultipart()) {
    throw new ValidationFailedError(`Send the file as multipart/form-data in a field named '${field}'`, [{ field, reason: 'request is not multipart/form-data' }], 'NOT_MULTIPART');
  }
  const part = await req.file(fileSize === undefined ? undefined : { limits: { fileSize } });
  if (!part) throw new ValidationFailedError(`No file in field '${field}'`, [{ field, reason: 'missing' }], 'FILE_MISSING');
  if (part.fieldname !== field) {
    void drainRest(limited(part.file));
    throw new ValidationFailedError(`The file must be in field '${field}', not '${part.fieldname}'`, [{ field, reason: `got field '${part.fieldname}'` }], 'FILE_MISSING');
  }
  const chunks = limited(part.file);
  return { filename: part.filename || 'upload', chunks, drain: () => void drainRest(chunks) };
}

/**
 * Reads what is left of the file and drops it, so that a request refused halfway (a bad row deep
 * into a large upload) still ends: a file stream that nobody reads holds busboy, and with it the
 * rest of the body, the client waiting to send it, and the response. Goes on from where the
 * reader stopped (the same generator), so no chunk is read twice and the size limit still holds.
 * Stream.resume() would not do: it does nothing while the stream has a 'readable' listener, which
 * the suspended reader's for-await keeps.
 */
async function drainRest(chunks: AsyncGenerator<Buffer>): Promise<void> {
  try {
    for (let r = await chunks.next(); !r.done; r = await chunks.next());
  } catch {
    // Past the limit or a cut connection: nothing more to read either way.
  }
}

async function* limited(file: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of file) yield chunk as Buffer;
  // busboy ends a file cut at the limit instead of failing its stream.
  if ((file as Readable & { truncated?: boolean }).truncated) throw fileTooLarge();
}

/** What the exception filter answers 413 PAYLOAD_TOO_LARGE to, as for @fastify/multipart's own limit. */
const fileTooLarge = () => Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });

/**
 * An upload's bytes in one buffer, refused (413) past `maxBytes`: for a route whose limit is raised
 * for the files it streams but which still reads some formats whole.
 */
export async function readChunks(chunks: AsyncIterable<Buffer>, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw fileTooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Reads the single file part named `field` of a multipart request whole. Size limits are enforced
 * by @fastify/multipart while streaming (413), so an oversized file is never held whole in memory.
 */
export async function readUpload(req: FastifyRequest, field = 'file', fileSize?: number): Promise<Upload> {
  const { filename, chunks } = await openUpload(req, field, fileSize);
  const buffer = await readChunks(chunks);
  if (buffer.length === 0) throw new ValidationFailedError('The uploaded file is empty', [{ field, reason: 'empty file' }], 'FILE_EMPTY');
  return { filename, buffer };
}

/** OpenAPI description of a one-file multipart body. */
export const ApiFileUpload = (field = 'file', description = 'CSV (UTF-8, UTF-8 with BOM, or CP949) or XLSX') =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: [field], properties: { [field]: { type: 'string', format: 'binary', description } } } }),
  );
