import { countValidated, flushValidatedCount, isApiUrl, validatorFor } from './openapi-validator';

// Each test file adds the responses it had checked against the document to its worker's count.
if (typeof afterAll === 'function') afterAll(flushValidatedCount);

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A thin fetch wrapper for e2e tests: real HTTP, JSON by default, multipart for uploads. Every
 * response is checked against the api's served OpenAPI document (support/openapi-validator.ts):
 * an undocumented status, a body off its schema or an undocumented media type fails the test.
 */
export class HttpClient {
  token?: string;
  /** Set false only for a client that talks to something other than this api's routes. */
  validateResponses = true;

  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<this> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.accessToken;
    return this;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async upload<T = any>(path: string, file: Buffer | string, filename: string, field = 'file'): Promise<HttpResult<T>> {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(typeof file === 'string' ? Buffer.from(file) : file)]), filename);
    return this.send<T>(path, { method: 'POST', body: form });
  }

  async request<T = any>(method: string, path: string, body?: unknown, rawBody?: string): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
    return this.send<T>(path, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
  }

  async send<T>(path: string, init: RequestInit): Promise<HttpResult<T>> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    const url = this.baseUrl + path;
    const res = await fetch(url, { ...init, headers });
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    if (this.validateResponses && isApiUrl(url)) {
      const validator = await validatorFor(this.baseUrl);
      if (validator?.check(init.method ?? 'GET', url, { status: res.status, contentType: type, body })) countValidated();
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }
}
