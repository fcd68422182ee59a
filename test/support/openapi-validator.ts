import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks every response an e2e test receives against the served OpenAPI document
 * (`/api/docs-json` of the same api): the status must be documented for the operation (method +
 * templated path), a JSON body must validate against its schema — with no property the schema
 * does not list — and a file its media type. A mismatch throws, so the test that got the response
 * fails: the document is tested against what the api really sends.
 *
 * Requests to paths the document does not have (a route that does not exist) must answer the
 * ErrorBody; the web UI's own pages and the document itself are not checked.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly routes: Route[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    if (!/^3\.0\./.test(document.openapi)) throw new Error(`OpenAPI validator: expected a 3.0 document, got ${document.openapi}`);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) this.ajv.addFormat(f, true);
    const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s)]));
    this.ajv.addSchema({ $id: DOC_ID, components: { schemas } });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method)) continue;
        const names: string[] = [];
        const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        this.routes.push({ method: method.toUpperCase(), path, regex: new RegExp(`^${pattern}$`), params: names.length, op: op as Operation });
      }
    }
    // Literal paths before templated ones (`/users/export.xlsx` before `/users/{id}`).
    this.routes.sort((a, b) => a.params - b.params);
  }

  /** Throws when the response is not what the document says; returns whether it was checked. */
  check(method: string, url: string, res: { status: number; contentType: string; body: unknown }): boolean {
    if (!isApiUrl(url)) return false;
    const path = new URL(url).pathname;
    const route = this.routes.find((r) => r.method === method.toUpperCase() && r.regex.test(path));
    const mediaType = res.contentType.split(';')[0].trim().toLowerCase();
    if (!route) {
      // No such operation: Fastify's 404 (or 405) through our filter, which must be the ErrorBody.
      this.validate('ErrorBody', { $ref: `${DOC_ID}#/components/schemas/ErrorBody` }, res.body, () => `${method} ${path} (no such operation) → ${res.status}`);
      return true;
    }
    const label = () => `${route.op.operationId} (${method} ${route.path}) → ${res.status}`;
    const documented = route.op.responses[String(res.status)] ?? route.op.responses[`${String(res.status)[0]}XX`] ?? route.op.responses.default;
    if (!documented) {
      fail(label(), `undocumented response: the operation lists ${Object.keys(route.op.responses).join(', ')}`, res.body);
    }
    const content = documented.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) {
      if (isEmpty(res.body) || res.status >= 300 && res.status < 400) return true;
      fail(label(), `the document gives no body for ${res.status}, the api sent ${mediaType || 'a body'}`, res.body);
    }
    const match = types.find((t) => mediaMatches(t, mediaType));
    if (!match) fail(label(), `content-type ${mediaType || '(none)'} is not documented (${types.join(', ')})`, res.body);
    const schema = content[match].schema;
    if (schema && isJson(mediaType)) {
      this.validate(`${route.op.operationId} ${res.status} ${match}`, schema, res.body, label);
    }
    return true;
  }

  private validate(key: string, schema: Schema, body: unknown, label: () => string): void {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(retarget(toJsonSchema(schema)));
      this.compiled.set(key, validate);
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
      fail(label(), `the body does not match the documented schema:\n${errors.join('\n')}`, body);
    }
  }
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Route {
  method: string;
  path: string;
  regex: RegExp;
  params: number;
  op: Operation;
}

const DOC_ID = 'openapi';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);
const COMBINATORS = ['allOf', 'anyOf', 'oneOf'];

/**
 * An OpenAPI 3.0 schema as JSON Schema for ajv: `nullable` becomes a `null` alternative, and an
 * object that lists its properties admits no others (so a field the api sends but the document
 * does not list fails), except as a part of allOf/anyOf/oneOf, whose parts describe one object
 * together.
 */
export function toJsonSchema(schema: unknown, inCombinator = false): any {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === 'nullable' || key === 'example' || key === 'discriminator' || key === 'xml' || key === 'externalDocs') continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (COMBINATORS.includes(key)) {
      out[key] = (value as unknown[]).map((s) => toJsonSchema(s, true));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? toJsonSchema(value) : value;
    } else {
      out[key] = value;
    }
  }
  if (out.properties && out.additionalProperties === undefined && !inCombinator) out.additionalProperties = false;
  if ((schema as Schema).nullable === true) {
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** Local `#/components/...` references point into the document added to ajv under DOC_ID. */
function retarget(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(retarget);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : retarget(v)]),
  );
}

function mediaMatches(documented: string, actual: string): boolean {
  if (documented === '*/*') return true;
  const [type, sub] = documented.toLowerCase().split('/');
  const [aType, aSub] = actual.split('/');
  return type === aType && (sub === '*' || sub === aSub);
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

function fail(label: string, problem: string, body: unknown): never {
  const text = Buffer.isBuffer(body) ? `<${body.length} bytes>` : JSON.stringify(body);
  const excerpt = text && text.length > 600 ? `${text.slice(0, 600)}…` : text;
  throw new OpenApiMismatchError(`OpenAPI: ${label}: ${problem}\n  body: ${excerpt}`);
}

export class OpenApiMismatchError extends Error {
  override name = 'OpenApiMismatchError';
}

/** The api's own routes (not the web UI's pages, not the document itself). */
export function isApiUrl(url: string): boolean {
  const path = new URL(url).pathname;
  return path.startsWith('/api/') && !path.startsWith('/api/docs');
}

// ---- one validator per api (base URL), and the count of responses checked ----

const validators = new Map<string, Promise<OpenApiValidator>>();

/** The validator for the api at baseUrl, from its served document; undefined while the api does not answer. */
export async function validatorFor(baseUrl: string): Promise<OpenApiValidator | undefined> {
  let pending = validators.get(baseUrl);
  if (!pending) {
    pending = fetch(`${baseUrl}/api/docs-json`).then(async (res) => {
      if (res.status !== 200) throw new Error(`OpenAPI validator: GET ${baseUrl}/api/docs-json answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return new OpenApiValidator((await res.json()) as OpenApiDocument);
    });
    validators.set(baseUrl, pending);
    // A refused connection (the api is down on purpose) is tried again with the next response.
    pending.catch(() => validators.delete(baseUrl));
  }
  try {
    return await pending;
  } catch (e) {
    if (isConnectionError(e)) return undefined;
    throw e;
  }
}

function isConnectionError(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return e instanceof TypeError && /fetch failed/.test(e.message) && !!cause?.code && /^(ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|EPIPE)/.test(cause.code);
}

let validatedInThisFile = 0;

export function countValidated(): void {
  validatedInThisFile++;
}

/** Adds this test file's count to the worker's file `var/openapi-validated/<pid>.json` (summed by the test script). */
export function flushValidatedCount(): void {
  if (validatedInThisFile === 0) return;
  const dir = join(__dirname, '../../var/openapi-validated');
  const file = join(dir, `${process.pid}.json`);
  mkdirSync(dir, { recursive: true });
  const run = process.env.AIEDU_TEST_TEMPLATE ?? '';
  let prior = { run, responses: 0, files: 0 };
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as typeof prior;
    if (read.run === run) prior = read;
  } catch {}
  writeFileSync(file, JSON.stringify({ run, responses: prior.responses + validatedInThisFile, files: prior.files + 1 }));
  validatedInThisFile = 0;
}
