import type { Role } from '../auth/role';
import { ROLES } from '../auth/role';
import type { ApiErrorMap } from './api-decorators';

/** What the document builder knows of a route, from its decorators. */
export interface RouteFacts {
  isPublic: boolean;
  roles: readonly Role[];
  passwordChangeExempt: boolean;
  /** @Scoped / @SchoolScoped: the guard resolves a school from a path parameter. */
  scoped: boolean;
  /** The route's own @ApiErrors (and its controller's). */
  errors: ApiErrorMap;
}

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** The codes every route of a kind can give (AccessGuard, ValidationPipe, the body parser, uploads). */
export const GENERIC_ERROR_CODES = {
  unauthenticated: ['UNAUTHORIZED', 'INVALID_TOKEN', 'SESSION_ENDED'],
  input: ['VALIDATION_FAILED', 'INPUT_REFUSED'],
  /** The router's, for a path parameter that is not valid percent-encoding or is too long. */
  pathParams: ['BAD_URL'],
  jsonBody: ['MALFORMED_JSON', 'BODY_TOO_DEEP', 'BODY_TOO_COMPLEX'],
  upload: ['INVALID_FILE', 'IMPORT_REJECTED', 'FILE_EMPTY', 'FILE_MISSING', 'NOT_MULTIPART'],
} as const;

const DESCRIPTIONS: Record<string, string> = {
  '400': 'The request is invalid: `details` names the fields, or the rows and columns of a file',
  '401': 'No valid bearer token, or its sign-in has ended',
  '403': 'The caller may not do this',
  '404': 'Not found',
  '406': 'Not acceptable',
  '409': 'Conflicts with the current state',
  '410': 'Gone: no longer usable',
  '413': 'The body or file is too large',
  '414': 'A path parameter is too long',
  '415': 'Unsupported content type',
  '422': 'Understood but cannot be processed',
  '429': 'Too many attempts: wait for `Retry-After` seconds',
  '503': 'Busy or unavailable: try again after `Retry-After` seconds',
};

interface OperationLike {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

/**
 * Adds to one operation the error responses it can give: 401/403 behind the guard, 404 and 400 for
 * ids in the path, 400/413/415 for input, the upload statuses for multipart bodies, merged with the
 * route's @ApiErrors. Each is the ErrorBody schema with `code` narrowed to the codes listed.
 */
export function addErrorResponses(op: OperationLike, method: string, route: RouteFacts): void {
  const errors = new Map<string, Set<string>>();
  const add = (status: number | string, codes: readonly string[]) => {
    const set = errors.get(String(status)) ?? new Set<string>();
    codes.forEach((c) => set.add(c));
    errors.set(String(status), set);
  };

  const params = op.parameters ?? [];
  const hasPathParams = params.some((p) => p.in === 'path');
  const hasQuery = params.some((p) => p.in === 'query');
  const bodyTypes = Object.keys(op.requestBody?.content ?? {});
  const isUpload = bodyTypes.includes('multipart/form-data');
  const writes = ['post', 'put', 'patch'].includes(method);

  if (!route.isPublic) {
    add(401, GENERIC_ERROR_CODES.unauthenticated);
    const forbidden: string[] = [];
    if (!ROLES.every((r) => route.roles.includes(r))) forbidden.push('ROLE_NOT_ALLOWED');
    if (!route.passwordChangeExempt) forbidden.push('PASSWORD_CHANGE_REQUIRED');
    if (route.scoped) forbidden.push('SCHOOL_OUT_OF_SCOPE');
    if (forbidden.length) add(403, forbidden);
  }
  if (hasPathParams || route.scoped) add(404, ['NOT_FOUND']);
  if (hasPathParams) {
    add(400, GENERIC_ERROR_CODES.pathParams);
    add(414, ['URI_TOO_LONG']);
  }
  if (hasPathParams || hasQuery || bodyTypes.length || route.scoped) add(400, GENERIC_ERROR_CODES.input);
  if (writes) {
    // Fastify reads a body on any write, whatever the route declares.
    add(400, GENERIC_ERROR_CODES.jsonBody);
    add(413, ['PAYLOAD_TOO_LARGE']);
    add(415, ['UNSUPPORTED_MEDIA_TYPE']);
  }
  if (isUpload) {
    add(400, GENERIC_ERROR_CODES.upload);
    add(406, ['NOT_MULTIPART']);
    add(413, ['PAYLOAD_TOO_LARGE', 'TOO_MANY_FILES', 'TOO_MANY_PARTS']);
    add(503, ['UPLOADS_BUSY']);
  }
  for (const [status, codes] of Object.entries(route.errors)) add(status, codes ?? []);

  for (const [status, codes] of [...errors].sort(([a], [b]) => Number(a) - Number(b))) {
    const existing = op.responses[status];
    if (existing && !isErrorBodyResponse(existing)) {
      // The route documents this status with its own body (e.g. health's 503): keep it.
      continue;
    }
    op.responses[status] = {
      description: existing?.description || DESCRIPTIONS[status] || 'Error',
      content: { 'application/json': { schema: errorSchema([...codes].sort()) } },
    };
  }
}

/** ErrorBody with `code` narrowed to the codes a route gives for one status. */
export function errorSchema(codes: string[]): Record<string, unknown> {
  return {
    allOf: [{ $ref: ERROR_BODY_REF }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }],
  };
}

function isErrorBodyResponse(response: { content?: Record<string, unknown> }): boolean {
  const content = response.content as Record<string, { schema?: Record<string, unknown> }> | undefined;
  if (!content) return true;
  const schema = content['application/json']?.schema;
  if (!schema) return true;
  return JSON.stringify(schema).includes(ERROR_BODY_REF);
}
