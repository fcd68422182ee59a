import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, reportApiError, type ErrorDetail } from './client';
import type { paths } from './schema';
import { currentToken } from '../session';

/**
 * The api, typed by the OpenAPI document it serves (`npm run openapi:types` regenerates
 * schema.d.ts): paths, parameters, bodies and answers are checked by the compiler, so a response
 * DTO that changes under a page breaks the web build.
 *
 * Errors come back as thrown {@link ApiError}s (the one error body), so a call resolves with its
 * data only: `const { data } = await http.GET('/api/v1/schools/{id}', { params: { path: { id } } })`.
 */
function clientWith(withSession: boolean) {
  const client = createClient<paths>({ baseUrl: '' });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = withSession ? currentToken() : null;
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      if (!request.headers.has('accept')) request.headers.set('accept', 'application/json');
      return request;
    },
    async onResponse({ request, response }) {
      if (response.ok) return response;
      const payload = (await response.clone().json().catch(() => null)) as {
        code?: string;
        message?: string;
        details?: ErrorDetail[];
        requestId?: string;
      } | null;
      const error = new ApiError(
        response.status,
        payload?.code ?? `HTTP_${response.status}`,
        payload?.message ?? response.statusText,
        Array.isArray(payload?.details) ? payload.details : [],
        payload?.requestId,
      );
      reportApiError(error, { path: new URL(request.url).pathname, sessionToken: withSession && request.headers.get('authorization') === `Bearer ${currentToken()}` });
      throw error;
    },
    onError() {
      return new ApiError(0, 'NETWORK', '서버에 연결할 수 없습니다. 네트워크 상태를 확인하세요.');
    },
  };
  client.use(middleware);
  return client;
}

/** Requests with the signed-in user's token. */
export const http = clientWith(true);

/** Requests without it: a public page (a survey code, a guardian's link, a badge) used by whoever holds the link. */
export const publicHttp = clientWith(false);

/** The data of a successful answer (errors have already been thrown as ApiError). */
export async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}
