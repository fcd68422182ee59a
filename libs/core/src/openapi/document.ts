import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto, JobAcceptedDto } from './api-contract.dto';
import { addErrorResponses, RouteFacts } from './error-responses';
import { PASSWORD_CHANGE_EXEMPT_KEY, PUBLIC_KEY, ROLES_KEY, SCHOOL_PARAM_KEY } from '../auth/access.decorators';
import type { Role } from '../auth/role';
import { API_ERRORS_KEY, ApiErrorMap } from './api-decorators';
import { PERSONAL_DATA_KEY, PersonalDataSpec } from '../privacy/personal-data';

type PluginMetadata = () => Promise<Record<string, unknown>>;
type DocumentConfig = Omit<OpenAPIObject, 'paths'>;

/**
 * Loads what the @nestjs/swagger compiler plugin found (apps/api/src/openapi-metadata.ts, written
 * by `npm run openapi:metadata`): response types of controller methods and DTO properties. Call
 * once before building the document.
 */
export async function loadOpenApiMetadata(metadata: PluginMetadata): Promise<void> {
  await SwaggerModule.loadPluginMetadata(metadata);
}

/**
 * The served OpenAPI document: Nest's scan of the controllers (with the plugin's metadata), then
 * operation ids that read well in a generated client (`schools.list`), the error responses every
 * route has by its kind merged with its own @ApiErrors, and the one ErrorBody component.
 */
export function buildOpenApiDocument(app: INestApplication, config: DocumentConfig): OpenAPIObject {
  const handlers = routeHandlers(app);
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodyDto, JobAcceptedDto],
    // A key to find the handler again below; the operation id proper is set from it afterwards.
    operationIdFactory: (controllerKey, methodKey) => handlerKey(controllerKey, methodKey),
  });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !operation || typeof operation !== 'object') continue;
      const op = operation as OperationLike;
      const handler = (op.operationId && handlers.byKey.get(op.operationId)) || (op.operationId && handlers.byExplicitId.get(op.operationId));
      if (!handler) throw new Error(`OpenAPI: no handler found for ${method.toUpperCase()} ${path} (${op.operationId})`);
      op.operationId = handler.operationId;
      fillSuccessResponse(op, handler);
      const facts = routeFacts(handler);
      // A @Public route of a controller marked @ApiBearerAuth needs no token.
      if (facts.isPublic) op.security = [];
      addErrorResponses(op, method, facts);
    }
  }
  return document;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

interface OperationLike {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

interface Handler {
  controller: Type;
  method: string;
  operationId: string;
}

function handlerKey(controllerKey: string, methodKey: string): string {
  return `${controllerKey}#${methodKey}`;
}

/** Every controller method, by `Class#method` and by an explicit `@ApiOperation({ operationId })`. */
function routeHandlers(app: INestApplication): { byKey: Map<string, Handler>; byExplicitId: Map<string, Handler> } {
  const byKey = new Map<string, Handler>();
  const byExplicitId = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const tag = lowerCamel((Reflect.getMetadata(DECORATORS.API_TAGS, controller) as string[] | undefined)?.[0] ?? controller.name.replace(/Controller$/, ''));
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = controller.prototype[method];
        if (method === 'constructor' || typeof fn !== 'function') continue;
        const explicit = (Reflect.getMetadata(DECORATORS.API_OPERATION, fn) as { operationId?: string } | undefined)?.operationId;
        const handler: Handler = { controller, method, operationId: explicit ?? `${tag}.${method}` };
        byKey.set(handlerKey(controller.name, method), handler);
        if (explicit) byExplicitId.set(explicit, handler);
      }
    }
  }
  return { byKey, byExplicitId };
}

/** `training`, `designation calls` → `designationCalls`, `ops-jobs` → `opsJobs`. */
function lowerCamel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

function meta<T>(key: string, handler: Handler): T | undefined {
  const fn = handler.controller.prototype[handler.method];
  return (Reflect.getMetadata(key, fn) as T | undefined) ?? (Reflect.getMetadata(key, handler.controller) as T | undefined);
}

function routeFacts(handler: Handler): RouteFacts {
  const fn = handler.controller.prototype[handler.method];
  const classErrors = (Reflect.getMetadata(API_ERRORS_KEY, handler.controller) as ApiErrorMap | undefined) ?? {};
  const ownErrors = (Reflect.getMetadata(API_ERRORS_KEY, fn) as ApiErrorMap | undefined) ?? {};
  const errors: ApiErrorMap = { ...classErrors };
  for (const [status, codes] of Object.entries(ownErrors) as unknown as [keyof ApiErrorMap, string[]][]) {
    errors[status] = [...(errors[status] ?? []), ...codes];
  }
  // A route that serves personal data fails closed when its access record cannot be written, and a
  // download about many people wants a reason.
  const personal = Reflect.getMetadata(PERSONAL_DATA_KEY, fn) as PersonalDataSpec | undefined;
  if (personal) {
    errors[503] = [...(errors[503] ?? []), 'ACCESS_LOG_UNAVAILABLE'];
    if (personal.action === 'download') errors[400] = [...(errors[400] ?? []), 'REASON_REQUIRED'];
  }
  return {
    isPublic: meta<boolean>(PUBLIC_KEY, handler) === true,
    roles: meta<Role[]>(ROLES_KEY, handler) ?? [],
    passwordChangeExempt: meta<boolean>(PASSWORD_CHANGE_EXEMPT_KEY, handler) === true,
    scoped: Reflect.getMetadata(SCHOOL_PARAM_KEY, fn) !== undefined,
    errors,
  };
}

const STATUS_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No content' };

/** A success response without a description (the plugin's) gets one; a 204 without a response gets it. */
function fillSuccessResponse(op: OperationLike, handler: Handler): void {
  const fn = handler.controller.prototype[handler.method];
  const httpCode = Reflect.getMetadata('__httpCode__', fn) as number | undefined;
  if (httpCode === 204) {
    for (const status of ['200', '201']) delete op.responses[status];
    op.responses['204'] ??= { description: 'No content' };
  }
  for (const [status, response] of Object.entries(op.responses)) {
    if (/^[23]/.test(status) && !response.description) response.description = STATUS_TEXT[status] ?? 'Success';
  }
}
