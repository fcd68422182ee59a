import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { JobAcceptedDto } from './api-contract.dto';

export const API_ERRORS_KEY = 'openapi:errors';

/** Error statuses a route can answer beyond the ones every route of its kind has, with their codes. */
export type ApiErrorMap = Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503, string[]>>;

/**
 * The error responses of a route: the document gets one response per status, the shared
 * ErrorBody schema with `code` narrowed to the codes listed. Statuses every route of a kind gives
 * (401/403 behind the guard, 404 for ids in the path, 400 for input) are added by the document
 * builder from the route itself; list here what the route adds (e.g. `{ 409: ['EMAIL_TAKEN'] }`)
 * and codes for those statuses it gives beyond the generic ones.
 */
export const ApiErrors = (errors: ApiErrorMap) => SetMetadata(API_ERRORS_KEY, errors);

/** A file download: the body is binary of this media type. */
export const ApiFile = (mediaType: string, description = 'the file') =>
  applyDecorators(ApiProduces(mediaType), ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } }));

/** A route that starts background work: 202 with the job to follow. */
export const ApiJob = (description = 'the job was accepted; follow it at GET /api/v1/jobs/{jobId}') => ApiAcceptedResponse({ description, type: JobAcceptedDto });
