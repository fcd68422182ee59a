import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../errors/app-error';

/*
 * JSON bodies are measured before they are parsed, so that class-transformer and class-validator
 * (which recurse once per level and build one error per offending element) only ever see bodies
 * of a sane shape. Without this, an array nested 20,000 deep (40 KB) is a 500 (RangeError:
 * maximum call stack size exceeded) on every JSON route, and a 1 MB array of 300,000 empty
 * objects makes the ValidationPipe build a million errors and a response of tens of MB.
 *
 * Limits (per request body):
 * - depth 32: our deepest DTO (a survey template: definition → sections → questions → options or
 *   a condition → its values) is about 7 levels, so 32 is four times that, and far below where
 *   the validators' recursion gets anywhere near the stack limit (thousands of levels).
 * - 10,000 elements in one array or members in one object: the longest legitimate lists are a
 *   campaign's schools (Seoul has 1,366) and a test's items (at most 200).
 * - 100,000 elements and members in all: 1 MB (the body limit) of `[0,0,…]` is 500,000.
 */

export interface JsonBodyLimits {
  maxDepth: number;
  maxItemsPerContainer: number;
  maxItems: number;
}

export const JSON_BODY_LIMITS: Readonly<JsonBodyLimits> = Object.freeze({ maxDepth: 32, maxItemsPerContainer: 10_000, maxItems: 100_000 });

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Why a JSON text is refused, or undefined when it is within the limits. One pass over the bytes,
 * outside strings only; it does not check the syntax (JSON.parse does that next), so malformed
 * text is counted approximately and then refused as malformed.
 */
export function jsonBodyProblem(body: Buffer | string, limits: JsonBodyLimits = JSON_BODY_LIMITS): ValidationFailedError | undefined {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const maxDepth = limits.maxDepth;
  // Per open container: the elements seen so far (commas + 1 once something is in it).
  const counts = new Int32Array(maxDepth + 1);
  let depth = 0;
  let total = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    switch (b) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_ARRAY:
      case OPEN_OBJECT:
        depth++;
        if (depth > maxDepth) {
          return new ValidationFailedError(`The JSON body is nested more than ${maxDepth} levels deep`, [{ field: 'body', reason: `more than ${maxDepth} levels of arrays and objects` }], 'BODY_TOO_DEEP');
        }
        counts[depth] = 0;
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        if (depth > 0) depth--;
        break;
      case COMMA:
        if (depth > 0) {
          counts[depth]++;
          total++;
          if (counts[depth] >= limits.maxItemsPerContainer) {
            return new ValidationFailedError(`An array or object in the JSON body has more than ${limits.maxItemsPerContainer} elements`, [{ field: 'body', reason: `more than ${limits.maxItemsPerContainer} elements in one array or object` }], 'BODY_TOO_COMPLEX');
          }
          if (total >= limits.maxItems) {
            return new ValidationFailedError(`The JSON body has more than ${limits.maxItems} elements`, [{ field: 'body', reason: `more than ${limits.maxItems} array elements and object members in all` }], 'BODY_TOO_COMPLEX');
          }
        }
        break;
    }
  }
  return undefined;
}

/**
 * Replaces the JSON body parser with one that refuses bodies outside `limits` (400 BODY_TOO_DEEP
 * or BODY_TOO_COMPLEX, in the one error body) before parsing, then parses with Fastify's own
 * parser (prototype-poisoning checks included). Call before the application is initialised.
 */
export function limitJsonBodies(app: NestFastifyApplication, limits: JsonBodyLimits = JSON_BODY_LIMITS): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
    const problem = jsonBodyProblem(body, limits);
    if (problem) {
      done(problem, undefined);
      return;
    }
    parseJson(req, body as unknown as string, done);
  });
}
