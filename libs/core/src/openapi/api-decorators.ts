import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptions, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { JobAcceptedDto } from './api-contract.dto';

export const API_ERRORS_KEY = 'openapi:errors';

/** Error statuses a route can answer beyond the ones every route of its kind has, with their codes. */
export type ApiErrorMap = Partial<Record<400 | 401 | 403 | 404 | 406 | 409 | 410 | 413 | 414 | 415 | 422 | 429 | 503, string[]>>;

/**
 * The error responses of a route: the document gets one response per status, the shared
 * ErrorBody schema with `code` narrowed to the codes listed. Statuses every route of a kind gives
 * (401/403 behind the guard, 404 for ids in the path, 400 for input) are added by the document
 * builder from the route itself; list here what the route adds (e.g. `{ 409: ['EMAIL_TAKEN'] }`)
 * and codes for those statuses it gives beyond the generic ones.
 */
export const ApiErrors = (errors: ApiErrorMap) => SetMetadata(API_ERRORS_KEY, errors);

/** A file download: the body is binary of this media type (or one of these). */
export const ApiFile = (mediaType: string | string[], description = 'the file') => {
  const types = Array.isArray(mediaType) ? mediaType : [mediaType];
  return applyDecorators(
    ApiProduces(...types),
    ApiOkResponse({ description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }),
  );
};

/**
 * A 200 (or `status`) whose body is the DTO `type` under a media type other than application/json
 * (`application/ld+json` for credentials), for routes that send through the reply themselves.
 */
export const ApiMediaResponse = (mediaType: string, type: Type<unknown>, description = 'OK', status = 200) =>
  applyDecorators(ApiExtraModels(type), ApiProduces(mediaType), ApiResponse({ status, description, content: { [mediaType]: { schema: { $ref: getSchemaPath(type) } } } }));

/** A 200 whose body is text of this media type (a compact JWT, a page). */
export const ApiText = (mediaType: string, description = 'OK') =>
  applyDecorators(ApiProduces(mediaType), ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string' } } } }));

/** A route that starts background work: 202 with the job to follow. */
export const ApiJob = (description = 'the job was accepted; follow it at GET /api/v1/jobs/{jobId}') => ApiAcceptedResponse({ description, type: JobAcceptedDto });

/** Any JSON value (a field the api passes through: audit snapshots, answers, settings). */
export const JSON_VALUE_SCHEMA = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
};

/** A DTO property that holds any JSON value; `nullable` adds null. */
export const ApiJsonValue = (options: { description?: string; nullable?: boolean; required?: boolean } = {}) =>
  ApiProperty({ ...JSON_VALUE_SCHEMA, type: undefined, description: options.description, nullable: options.nullable, required: options.required ?? true } as ApiPropertyOptions);
