import { currentToken } from '../session';
import type { components } from './schema';

/** One thing wrong with a request, as the document's ErrorBody gives it. */
export type ErrorDetail = components['schemas']['ErrorBody']['details'][number];

/** An API error in the server's single error shape (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let onUnauthorized: () => void = () => {};
let onPasswordChangeRequired: () => void = () => {};

/** Called when a signed-in request comes back 401 (expired or revoked token). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Called when a request comes back 403 PASSWORD_CHANGE_REQUIRED (signed in with a temporary password). */
export function setPasswordChangeHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

/** Requests whose 401 says nothing about the session kept in this tab. */
const NOT_SESSION_ENDING = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);

/** Ends the session on a 401 to the session's own token, and closes the app on PASSWORD_CHANGE_REQUIRED. */
export function reportApiError(error: ApiError, request: { path: string; sessionToken: boolean }): void {
  if (error.status === 401 && request.sessionToken && !NOT_SESSION_ENDING.has(request.path)) onUnauthorized();
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired();
}

export interface SendOptions {
  /** A token other than the session's (the SSO landing checks the one it was handed); its 401 ends no session. */
  token?: string;
  /** Without the session's token: a public route used by someone who may be signed in as another person. */
  anonymous?: boolean;
}

export async function send(method: string, path: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.anonymous ? null : (options.token ?? currentToken());
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body (file upload) sets its own multipart content type.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '서버에 연결할 수 없습니다. 네트워크 상태를 확인하세요.');
  }
  if (!res.ok) {
    const payload = (await res.json().catch(() => null)) as {
      code?: string;
      message?: string;
      details?: ErrorDetail[];
      requestId?: string;
    } | null;
    const error = new ApiError(
      res.status,
      payload?.code ?? `HTTP_${res.status}`,
      payload?.message ?? res.statusText,
      Array.isArray(payload?.details) ? payload.details : [],
      payload?.requestId,
    );
    reportApiError(error, { path, sessionToken: !!token && !options.token });
    throw error;
  }
  return res;
}

export async function json<T>(method: string, path: string, body?: unknown, options?: SendOptions): Promise<T> {
  const res = await send(method, path, body, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** A file upload (multipart, field `file`), answered with JSON. */
export function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return json<T>('POST', path, form);
}

export const V1 = '/api/v1';

/** The status URL of a background job, as the export panel polls it. */
export const jobStatusUrl = (jobId: string) => `${V1}/jobs/${encodeURIComponent(jobId)}`;

/** Files need the bearer header, so they are fetched as a blob rather than linked directly. */
export async function download(url: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await send('GET', url);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const filename = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? null);
  return { blob: await res.blob(), filename };
}
