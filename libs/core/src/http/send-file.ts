import type { FastifyReply } from 'fastify';
import { XLSX_CONTENT_TYPE } from '../files';

/** A download with a Korean file name that every browser keeps (RFC 5987 `filename*`). */
export async function sendDownload(reply: FastifyReply, filename: string, contentType: string, body: Buffer): Promise<void> {
  await reply.header('content-type', contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(body);
}

export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer): Promise<void> {
  return sendDownload(reply, filename, XLSX_CONTENT_TYPE, body);
}
