import type { FastifyReply } from 'fastify';
import { XLSX_CONTENT_TYPE } from '../files';
import { seoulToday } from '../time/seoul-time';

/** A download's name: the one people see (Korean), and a plain-ASCII one for clients that ignore `filename*`. */
export interface DownloadName {
  filename: string;
  ascii: string;
}

/** Characters no file name may hold on Windows or elsewhere, and control characters. */
const UNSAFE_IN_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * `학교_목록_2026-03-02.xlsx` and `schools_2026-03-02.xlsx`: the names of an export, dated with the
 * Seoul calendar day. `korean` may carry a title people typed (a survey's): unsafe characters go.
 */
export function datedName(korean: string, ascii: string, ext = 'xlsx', date = seoulToday()): DownloadName {
  const stem = korean.replace(UNSAFE_IN_NAMES, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
  return { filename: `${stem}_${date}.${ext}`, ascii: asciiName(`${ascii}_${date}.${ext}`) };
}

/** The ASCII fallback of a name: each run of anything but letters, digits and hyphens becomes one `_`. */
export function asciiName(filename: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '');
  const dot = filename.lastIndexOf('.');
  const stem = clean(dot > 0 ? filename.slice(0, dot) : filename) || 'download';
  const ext = dot > 0 ? clean(filename.slice(dot + 1)) : '';
  return ext ? `${stem}.${ext}` : stem;
}

/** `attachment` with both names: `filename` (ASCII) for old clients, `filename*` (RFC 5987, UTF-8) for every browser. */
export function contentDisposition(name: string | DownloadName): string {
  const { filename, ascii } = typeof name === 'string' ? { filename: name, ascii: asciiName(name) } : name;
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 5987 attribute values may not hold them.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download with a Korean file name that every browser keeps (RFC 5987 `filename*`, with an ASCII fallback). */
export async function sendDownload(reply: FastifyReply, name: string | DownloadName, contentType: string, body: Buffer): Promise<void> {
  await reply.header('content-type', contentType).header('content-disposition', contentDisposition(name)).send(body);
}

export function sendXlsx(reply: FastifyReply, name: string | DownloadName, body: Buffer): Promise<void> {
  return sendDownload(reply, name, XLSX_CONTENT_TYPE, body);
}
