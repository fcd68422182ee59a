import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { ValidationFailedError } from '../errors';

export interface Upload {
  filename: string;
  buffer: Buffer;
}

/**
 * Reads the single file part named `field` of a multipart request. Size limits are enforced by
 * @fastify/multipart while streaming (413), so an oversized file is never held whole in memory.
 */
export async function readUpload(req: FastifyRequest, field = 'file'): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new ValidationFailedError(`Send the file as multipart/form-data in a field named '${field}'`, [{ field, reason: 'request is not multipart/form-data' }], 'NOT_MULTIPART');
  }
  const part = await req.file();
  if (!part) throw new ValidationFailedError(`No file in field '${field}'`, [{ field, reason: 'missing' }], 'FILE_MISSING');
  if (part.fieldname !== field) {
    throw new ValidationFailedError(`The file must be in field '${field}', not '${part.fieldname}'`, [{ field, reason: `got field '${part.fieldname}'` }], 'FILE_MISSING');
  }
  const buffer = await part.toBuffer();
  if (buffer.length === 0) throw new ValidationFailedError('The uploaded file is empty', [{ field, reason: 'empty file' }], 'FILE_EMPTY');
  return { filename: part.filename || 'upload', buffer };
}

/** OpenAPI description of a one-file multipart body. */
export const ApiFileUpload = (field = 'file', description = 'CSV (UTF-8, UTF-8 with BOM, or CP949) or XLSX') =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: [field], properties: { [field]: { type: 'string', format: 'binary', description } } } }),
  );
