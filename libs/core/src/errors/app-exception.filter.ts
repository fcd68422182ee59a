import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ServiceBusyError, TooManyRequestsError } from './app-error';
import { DATABASE_REFUSED_INPUT, databaseInputError } from './database-input-error';
import { TabularFormatError } from '../tabular';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: Record<string, unknown>[];
  requestId: string;
}

/** Fastify's own errors (body parser, multipart limits) carry codes we translate to ours. */
const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', status: 400 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  FST_FILES_LIMIT: { code: 'TOO_MANY_FILES', status: 413 },
  FST_PARTS_LIMIT: { code: 'TOO_MANY_PARTS', status: 413 },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'NOT_MULTIPART', status: 406 },
  // The router's own refusals, before any route runs (see frameworkErrorHandler).
  FST_ERR_BAD_URL: { code: 'BAD_URL', status: 400 },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', status: 414 },
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before a route runs (a path parameter that is
 * not valid percent-encoding, or longer than maxParamLength) leaves as the ErrorBody too.
 */
export function frameworkErrorHandler(error: Error, req: FastifyRequest, reply: FastifyReply): void {
  const body = toErrorBody(error, String(req.id ?? ''));
  void reply.status(body.statusCode).header('x-request-id', body.requestId).send(body);
}

/** The one error body of the API: every failure, ours or the framework's, leaves through here. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = toErrorBody(exception, String(req?.id ?? ''));
    if (body.statusCode >= 500 && !(exception instanceof ServiceBusyError)) {
      this.logger.error({ msg: 'unhandled error', requestId: body.requestId, err: describe(exception) });
    }
    if (body.code === DATABASE_REFUSED_INPUT) {
      // A DTO let through what the database refused: answered as a 400, but it is a bug to fix.
      this.logger.warn({ msg: 'input refused by the database, not by validation', requestId: body.requestId, err: describe(exception) });
    }
    if (exception instanceof TooManyRequestsError || exception instanceof ServiceBusyError) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('x-request-id', body.requestId).send(body);
  }
}

export function toErrorBody(exception: unknown, requestId: string): ErrorBody {
  if (exception instanceof AppError) {
    return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details, requestId };
  }
  if (exception instanceof TabularFormatError) {
    return {
      statusCode: 400,
      code: 'INVALID_FILE',
      message: exception.message,
      details: exception.problems.map((p) => ({ ...p })),
      requestId,
    };
  }
  // Nest wraps Fastify's own errors (body parser, multipart limits) in an HttpException with the original as cause.
  const raw = (exception instanceof HttpException ? exception.cause : exception) as { code?: string; message?: string } | undefined;
  const mapped = raw?.code ? FASTIFY_CODES[raw.code] : undefined;
  if (mapped) {
    return { statusCode: mapped.status, code: mapped.code, message: String(raw?.message), details: [], requestId };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? exception.message);
    return { statusCode: status, code: httpCode(status), message, details: [], requestId };
  }
  const input = databaseInputError(exception);
  if (input) {
    return {
      statusCode: 400, code: DATABASE_REFUSED_INPUT, message: `Invalid input: ${input.field} ${input.reason}`,
      details: [{ field: input.field, reason: input.reason, ...(input.constraint ? { constraint: input.constraint } : {}) }], requestId,
    };
  }
  const status = (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, code: httpCode(status), message: (exception as Error).message, details: [], requestId };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', details: [], requestId };
}

function httpCode(status: number): string {
  const names: Record<number, string> = {
    400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
    406: 'NOT_ACCEPTABLE', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS',
  };
  return names[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}

function describe(e: unknown): unknown {
  return e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : e;
}
