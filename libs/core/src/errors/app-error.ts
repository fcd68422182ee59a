/**
 * Feature code throws AppError subclasses with a stable `code`; the HTTP edge
 * (AppExceptionFilter) is the only place that knows about status codes.
 */
/** One thing wrong with a request (documented as the items of ErrorBody.details). */
export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  reason?: string;
  resource?: string;
  id?: string;
  kind?: string;
  rule?: string;
  retryAfterSeconds?: number;
  [fact: string]: unknown;
}

export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status: number,
    public readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(message: string, details: ErrorDetail[] = [], code = 'VALIDATION_FAILED') {
    super(code, message, 400, details);
  }
}

export class NotFoundError extends AppError {
  /** `code` tells apart kinds of absence a client handles differently (e.g. NOT_ANALYSED). */
  constructor(what: string, id: string | number, code = 'NOT_FOUND') {
    super(code, `${what} ${id} was not found`, 404, [{ resource: what, id: String(id) }]);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not act on this object', code = 'FORBIDDEN', details: ErrorDetail[] = []) {
    super(code, message, 403, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required', code = 'UNAUTHORIZED') {
    super(code, message, 401);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: ErrorDetail[] = [], code = 'CONFLICT') {
    super(code, message, 409, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, public readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message, 429, [{ retryAfterSeconds }]);
  }
}

/** 503 with Retry-After: the server is busy with work of this kind and the client should come back soon. */
export class ServiceBusyError extends AppError {
  constructor(message: string, public readonly retryAfterSeconds: number, code = 'SERVICE_BUSY') {
    super(code, message, 503, [{ retryAfterSeconds }]);
  }
}
