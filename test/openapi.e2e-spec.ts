import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { OpenApiValidator } from './support/openapi-validator';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The served OpenAPI document (`/api/docs-json`) as a contract: valid OpenAPI, a documented body
 * for every success, the one ErrorBody for every error, operation ids a generated client can use,
 * a client generated from it that compiles, and the checked-in copies (openapi/openapi.json and
 * the web app's apps/web/src/api/schema.d.ts) equal to it. That the api sends what it says is
 * checked on every response of the e2e suites (support/openapi-validator.ts).
 *
 * `npm run openapi:types` runs this file with OPENAPI_WRITE=1, which rewrites the checked-in copies.
 */
const run = promisify(execFile);
const root = join(__dirname, '..');
const DOCUMENT_FILE = join(root, 'openapi/openapi.json');
const TYPES_FILE = join(root, 'apps/web/src/api/schema.d.ts');
const WRITE = process.env.OPENAPI_WRITE === '1';

/** Errors whose body is the operation's own, on purpose. */
const OWN_ERROR_BODIES: Record<string, string[]> = { 'ops.health': ['503'] };

let app: TestApp;
let document: any;
let scratch: string;
let generatedTypes: string;

beforeAll(async () => {
  app = await startTestApp();
  const res = await fetch(`${app.baseUrl}/api/docs-json`);
  expect(res.status).toBe(200);
  document = await res.json();
  scratch = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  writeFileSync(join(scratch, 'openapi.json'), JSON.stringify(document, null, 2) + '\n');
  await run(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(scratch, 'openapi.json'), '--output', join(scratch, 'schema.d.ts')], { cwd: root });
  generatedTypes = readFileSync(join(scratch, 'schema.d.ts'), 'utf8');
  if (WRITE) {
    mkdirSync(dirname(DOCUMENT_FILE), { recursive: true });
    mkdirSync(dirname(TYPES_FILE), { recursive: true });
    writeFileSync(DOCUMENT_FILE, JSON.stringify(document, null, 2) + '\n');
    writeFileSync(TYPES_FILE, generatedTypes);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function operations(): { path: string; method: string; op: any }[] {
  const out: { path: string; method: string; op: any }[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) out.push({ path, method, op });
    }
  }
  return out;
}

/** A schema that says something: a reference, properties, items, an enum, or a scalar type. */
function isInformative(schema: any): boolean {
  if (!schema || typeof schema !== 'object') return false;
  if (schema.$ref || schema.properties || schema.enum || schema.allOf || schema.oneOf || schema.anyOf) return true;
  if (schema.type === 'array') return isInformative(schema.items);
  if (schema.type === 'object') return schema.additionalProperties !== undefined && schema.additionalProperties !== true;
  return typeof schema.type === 'string';
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
  });

  it('documents a body for every success (or a deliberate 204 / redirect)', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const successes = Object.entries<any>(op.responses).filter(([s]) => /^[23]\d\d$/.test(s));
      const ok =
        successes.length > 0 &&
        successes.every(([status, response]) => {
          if (status === '204' || status.startsWith('3')) return !response.content;
          const content = Object.entries<any>(response.content ?? {});
          return content.length > 0 && content.every(([type, media]) => (type.includes('json') ? isInformative(media.schema) : !!media.schema));
        });
      if (!ok) missing.push(`${op.operationId} ${method.toUpperCase()} ${path} [${successes.map(([s]) => s).join(', ') || 'no success'}]`);
    }
    expect(missing).toEqual([]);
  });

  it('answers every error with the one ErrorBody, its codes listed', () => {
    expect(document.components.schemas.ErrorBody).toMatchObject({ required: ['statusCode', 'code', 'message', 'details', 'requestId'] });
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (!/^[45]/.test(status) || OWN_ERROR_BODIES[op.operationId]?.includes(status)) continue;
        // Routes a browser navigates to (OIDC) answer errors with a Korean page.
        if (Object.keys(response.content ?? {}).join() === 'text/html') continue;
        const schema = response.content?.['application/json']?.schema;
        const codes = schema?.allOf?.[1]?.properties?.code?.enum;
        if (schema?.allOf?.[0]?.$ref !== '#/components/schemas/ErrorBody' || !Array.isArray(codes) || codes.length === 0) {
          wrong.push(`${op.operationId} ${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists the errors of the guard on every route behind it', () => {
    const missing: string[] = [];
    for (const { op } of operations()) {
      if (!op.security?.length) continue;
      if (!op.responses['401']) missing.push(`${op.operationId} 401`);
    }
    expect(missing).toEqual([]);
  });

  it('has unique operation ids that read well in a generated client (`schools.list`)', () => {
    const ids = operations().map(({ op }) => op.operationId as string);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(id))).toEqual([]);
  });

  it('documents files as binary with their media type, and background work as 202 + the job', () => {
    const wrong: string[] = [];
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        for (const [type, media] of Object.entries<any>(response.content ?? {})) {
          const binary = media.schema?.format === 'binary';
          // Anything not JSON is a file (binary) or text (a page, a compact JWT): a string either way.
          if (!type.includes('json') && media.schema?.type !== 'string') wrong.push(`${op.operationId} ${status} ${type}: neither a binary file nor text`);
          if (!type.includes('json') && !type.startsWith('text/') && !binary && !/jwt|jose/.test(type)) wrong.push(`${op.operationId} ${status} ${type}: not binary`);
          if (binary && (type === 'application/json' || type === '*/*')) wrong.push(`${op.operationId} ${status} ${type}: binary without a media type`);
        }
      }
      const accepted = op.responses['202']?.content?.['application/json']?.schema;
      if (accepted && accepted.$ref !== '#/components/schemas/JobAcceptedDto') wrong.push(`${op.operationId} 202 is not JobAcceptedDto`);
    }
    expect(wrong).toEqual([]);
  });

  it('generates a client (openapi-typescript) that compiles and types every response', async () => {
    // One type per documented JSON response; `never` (nothing documented) fails to compile.
    const lines = [
      "import type { components, paths } from './schema';",
      "type Known<T> = [T] extends [never] ? 'undocumented' : unknown extends T ? 'untyped' : 'ok';",
      "const errorCode: components['schemas']['ErrorBody']['code'] = 'NOT_FOUND';",
      'void errorCode;',
    ];
    let n = 0;
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (!response.content?.['application/json']) continue;
        n++;
        lines.push(
          `// ${op.operationId} ${status}`,
          `const check${n}: Known<paths[${JSON.stringify(path)}][${JSON.stringify(method)}]['responses'][${status}]['content']['application/json']> = 'ok';`,
          `void check${n};`,
        );
      }
    }
    writeFileSync(join(scratch, 'client.ts'), lines.join('\n') + '\n');
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'bundler', join(scratch, 'client.ts')], {
      cwd: scratch,
    }).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(n).toBeGreaterThan(100);
  }, 120_000);

  it('is what openapi/openapi.json and apps/web/src/api/schema.d.ts hold (run `npm run openapi:types` after changing the api)', () => {
    expect(readFileSync(DOCUMENT_FILE, 'utf8')).toBe(JSON.stringify(document, null, 2) + '\n');
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(generatedTypes);
  });
});

describe('the e2e response validator (support/openapi-validator.ts)', () => {
  const url = (path: string) => `${app.baseUrl}${path}`;
  const school = { id: 1, name: '서울개포초등학교', level: 'elementary', district: '강남구', districtOffice: 'gangnam-seocho', districtOfficeName: '강남서초교육지원청', neisCode: null, foundingType: null, roadAddress: null, hasAiClassroom: true, classroomBuildYear: 2021 };
  const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 50 });
  const error = (statusCode: number, code: string) => ({ statusCode, code, message: 'm', details: [], requestId: 'r' });
  const json = 'application/json; charset=utf-8';

  it('accepts what the document says', () => {
    const v = new OpenApiValidator(document);
    expect(v.check('GET', url('/api/v1/schools?page=1'), { status: 200, contentType: json, body: page([school]) })).toBe(true);
    expect(v.check('GET', url('/api/v1/schools/7'), { status: 404, contentType: json, body: error(404, 'NOT_FOUND') })).toBe(true);
    expect(v.check('GET', url('/api/v1/users/export.xlsx'), { status: 200, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: Buffer.from('PK') })).toBe(true);
    expect(v.check('GET', url('/api/v1/no-such-route'), { status: 404, contentType: json, body: error(404, 'NOT_FOUND') })).toBe(true);
    expect(v.check('GET', url('/some/web/page'), { status: 200, contentType: 'text/html', body: Buffer.from('<html>') })).toBe(false);
  });

  it('fails a field the document does not list, a missing one, a wrong type, a code the route does not give', () => {
    const v = new OpenApiValidator(document);
    expect(() => v.check('GET', url('/api/v1/schools'), { status: 200, contentType: json, body: page([{ ...school, secret: 1 }]) })).toThrow(/schools\.list .*additional properties/s);
    const { neisCode: _, ...withoutCode } = school;
    expect(() => v.check('GET', url('/api/v1/schools'), { status: 200, contentType: json, body: page([withoutCode]) })).toThrow(/required property 'neisCode'/);
    expect(() => v.check('GET', url('/api/v1/schools'), { status: 200, contentType: json, body: page([{ ...school, id: '1' }]) })).toThrow(/must be number/);
    expect(() => v.check('GET', url('/api/v1/schools/7'), { status: 404, contentType: json, body: error(404, 'QUOTA_FULL') })).toThrow(/allowed values/);
  });

  it('fails an undocumented status or media type, and an error body off the ErrorBody on an unknown path', () => {
    const v = new OpenApiValidator(document);
    expect(() => v.check('GET', url('/api/v1/schools'), { status: 409, contentType: json, body: error(409, 'CONFLICT') })).toThrow(/undocumented response/);
    expect(() => v.check('GET', url('/api/v1/users/export.xlsx'), { status: 200, contentType: json, body: {} })).toThrow(/content-type application\/json is not documented/);
    expect(() => v.check('GET', url('/api/v1/no-such-route'), { status: 404, contentType: json, body: { error: 'nope' } })).toThrow(/no such operation/);
  });
});

describe('OpenAPI plugin metadata', () => {
  it('has one class per DTO name (the document names components by class name, so a second class of a name would replace the first)', () => {
    const names = new Map<string, string[]>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(dto|entity)\.ts$/.test(entry.name)) {
          for (const [, name] of readFileSync(path, 'utf8').matchAll(/^export class (\w+)/gm)) names.set(name, [...(names.get(name) ?? []), relative(root, path)]);
        }
      }
    };
    walk(join(root, 'libs'));
    expect([...names].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('apps/api/src/openapi-metadata.ts is what the @nestjs/swagger plugin finds now (run `npm run openapi:metadata`)', async () => {
    const result = await run(process.execPath, [join(root, 'scripts/openapi-metadata.mjs'), '--check'], { cwd: root }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(`${result.stdout}${result.stderr}`).toContain('openapi-metadata.ts is current');
  }, 120_000);
});
