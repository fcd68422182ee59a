/**
 * Request bodies for fuzzing, derived from the OpenAPI document: every write operation, its JSON
 * request schema ($refs resolved), a valid baseline built from the schema (or given by the test),
 * and deterministic mutations of it (seeded PRNG): wrong types, nulls, missing and extra fields,
 * huge numbers, control characters, whitespace-only, long and malformed strings, big arrays and
 * deep nesting, and odd path parameters.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, any>;
type Path = (string | number)[];

export interface WriteOperation {
  /** `POST /api/v1/users/{id}` */
  key: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  /** The JSON request schema, $refs resolved at the top; undefined for operations without a JSON body. */
  schema?: Schema;
  multipart: boolean;
  pathParams: string[];
  queryParams: string[];
}

export interface FuzzCase {
  label: string;
  /** The JSON body, or `raw` text sent as application/json. */
  body?: unknown;
  raw?: string;
  /** Replacements for path parameters (already URL-encoded). */
  params?: Record<string, string>;
}

/** Small, fast, deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function deref(doc: Schema, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 20; i++) {
    const parts = String(s.$ref).replace(/^#\//, '').split('/');
    s = parts.reduce((o: any, k) => o?.[k], doc);
  }
  if (s?.allOf) return Object.assign({}, ...s.allOf.map((x: Schema) => deref(doc, x)), { ...s, allOf: undefined });
  return s;
}

/** Every POST, PUT and PATCH of the document. */
export function writeOperations(doc: Schema): WriteOperation[] {
  const ops: WriteOperation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const method of ['post', 'put', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      const params: Schema[] = (op.parameters ?? []).map((p: Schema) => deref(doc, p));
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as WriteOperation['method'],
        path,
        schema: content['application/json'] ? deref(doc, content['application/json'].schema) : undefined,
        multipart: Boolean(content['multipart/form-data']),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

/** A plausible valid value for a schema: examples, enums' first value, formats, minimums; required properties only. */
export function exampleOf(doc: Schema, schema: Schema | undefined, n = 0, depth = 0): Json {
  const s = deref(doc, schema) ?? {};
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined && s.type !== 'object') return s.default;
  if (s.enum) return s.enum[0];
  if (depth > 6) return null;
  if (s.type === 'array') {
    const item = exampleOf(doc, s.items, n, depth + 1);
    return [item];
  }
  if (s.type === 'object' || s.properties) {
    const out: Record<string, Json> = {};
    for (const name of s.required ?? []) out[name] = exampleOf(doc, s.properties?.[name], n, depth + 1);
    return out;
  }
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'string') {
    switch (s.format) {
      case 'date': return '2026-03-02';
      case 'date-time': return new Date().toISOString();
      case 'uuid': return '00000000-0000-4000-8000-000000000000';
      case 'email': return `fuzz${n}@sen.go.kr`;
      default: return `fuzz-${n}`;
    }
  }
  return 'x';
}

/** The field paths worth mutating: the schema's properties (nested ones through $ref and the first array item) and the keys of free-form objects in the baseline. */
export function fieldPaths(doc: Schema, schema: Schema | undefined, value: unknown, prefix: Path = [], depth = 0): Path[] {
  const s = deref(doc, schema) ?? {};
  const out: Path[] = [];
  if (depth > 4) return out;
  if (s.properties) {
    for (const [name, sub] of Object.entries<Schema>(s.properties)) {
      const p = [...prefix, name];
      out.push(p);
      out.push(...fieldPaths(doc, sub, (value as Record<string, unknown> | undefined)?.[name], p, depth + 1));
    }
  } else if (s.type === 'array') {
    if (Array.isArray(value) && value.length) {
      out.push([...prefix, 0]);
      out.push(...fieldPaths(doc, s.items, value[0], [...prefix, 0], depth + 1));
    }
  } else if (value && typeof value === 'object') {
    // A free-form object (a survey definition, answers): follow the value itself.
    const entries = Array.isArray(value) ? value.slice(0, 2).map((v, i) => [i, v] as const) : Object.entries(value).slice(0, 6);
    for (const [k, v] of entries) {
      const p = [...prefix, k];
      out.push(p);
      if (v && typeof v === 'object') out.push(...fieldPaths(doc, undefined, v, p, depth + 1));
    }
  }
  return out;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function getIn(obj: unknown, path: Path): unknown {
  return path.reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

/** A copy with `value` at `path` (parents made as needed); `DELETE` removes the key. */
export const DELETE = Symbol('delete');
export function setIn(obj: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const root: any = obj && typeof obj === 'object' ? clone(obj) : {};
  let cur = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k];
  }
  const last = path[path.length - 1];
  if (value === DELETE) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return root;
}

const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const MARK = '\u2063fuzz-raw\u2063';

/** A body with raw JSON text at a path (deep nesting the client could not stringify). */
function withRaw(body: unknown, path: Path, raw: string): string {
  return JSON.stringify(setIn(body, path, MARK)).replace(JSON.stringify(MARK), raw);
}

interface Mutation {
  name: string;
  /** value to put at the path, or a raw JSON fragment */
  value?: (current: unknown) => unknown;
  raw?: string;
  priority?: boolean;
}

/** Values put in place of a field. The priority ones are tried on every field; the rest are sampled. */
export const MUTATIONS: Mutation[] = [
  { name: 'null', value: () => null, priority: true },
  { name: 'missing', value: () => DELETE, priority: true },
  { name: 'NUL in string', value: (c) => (typeof c === 'string' && c ? `${c.slice(0, 1)}\u0000${c.slice(1)}` : 'a\u0000b'), priority: true },
  { name: 'whitespace only', value: () => '   ', priority: true },
  { name: '2^31', value: () => 2 ** 31, priority: true },
  { name: '1e308', value: () => 1e308, priority: true },
  { name: 'object', value: () => ({ a: 1 }), priority: true },
  { name: 'string of 10 KB', value: () => 'x'.repeat(10_240), priority: true },
  { name: 'true', value: () => true },
  { name: 'zero', value: () => 0 },
  { name: '-1', value: () => -1 },
  { name: '1.5', value: () => 1.5 },
  { name: '2^31-1', value: () => 2 ** 31 - 1 },
  { name: '-2^31-1', value: () => -(2 ** 31) - 1 },
  { name: '2^53', value: () => 2 ** 53 },
  { name: '-1e308', value: () => -1e308 },
  { name: '5e-324', value: () => 5e-324 },
  { name: '"1e308"', value: () => '1e308' },
  { name: '"NaN"', value: () => 'NaN' },
  { name: '"Infinity"', value: () => 'Infinity' },
  { name: '"12abc"', value: () => '12abc' },
  { name: '"2147483648"', value: () => '2147483648' },
  { name: 'empty string', value: () => '' },
  { name: 'tabs and newlines only', value: () => ' \t\r\n ' },
  { name: 'unicode spaces only', value: () => '\u00a0\u3000\u2003' },
  { name: 'padded', value: (c) => ` ${typeof c === 'string' ? c : 'x'} ` },
  { name: 'NUL only', value: () => '\u0000' },
  { name: 'control characters', value: () => 'a\u0001\u0007\u001b[31mb' },
  { name: 'DEL', value: () => 'a\u007fb' },
  { name: 'lone high surrogate', value: () => 'a\ud800b' },
  { name: 'lone low surrogate', value: () => '\udfff' },
  { name: 'emoji', value: () => '🎓👩‍🏫🇰🇷'.repeat(30) },
  { name: 'hangul 5000', value: () => '한'.repeat(5000) },
  { name: 'string of 200 KB', value: () => 'y'.repeat(200_000) },
  { name: 'sql', value: () => "'; DROP TABLE schools; --" },
  { name: 'percent-encoded NUL', value: () => '%00' },
  { name: 'bidi override', value: () => '\u202eabc' },
  { name: 'combining marks', value: () => 'a' + '\u0301'.repeat(500) },
  { name: 'wrapped in an array', value: (c) => [c ?? 'x'] },
  { name: 'wrapped twice', value: (c) => [[c ?? 'x']] },
  { name: 'impossible date', value: () => '2026-02-30' },
  { name: 'year 0', value: () => '0000-01-01' },
  { name: 'far date-time', value: () => '+275760-09-13T00:00:00.000Z' },
  { name: 'date-time without zone', value: () => '2026-03-02T25:61:00' },
  { name: 'empty array', value: () => [] },
  { name: 'array of null', value: () => [null] },
  { name: 'array of strings', value: () => ['x', 'y'] },
  {
    name: 'array of 5000 copies',
    value: (c) => {
      const item = Array.isArray(c) && c.length ? c[0] : c ?? 'x';
      // Stays under the 1 MB body limit, so the copies reach the application.
      return Array.from({ length: Math.min(5000, Math.floor(600_000 / (JSON.stringify(item)?.length ?? 1 + 1))) }, () => item);
    },
  },
  { name: 'array of 100000 numbers', value: () => Array.from({ length: 100_000 }, (_, i) => i) },
  { name: 'empty object', value: () => ({}) },
  { name: 'operator object', value: () => ({ $gt: '' }) },
  { name: 'nested nulls', value: () => ({ a: null, b: [null, { c: null }] }) },
  { name: 'deep object 40', raw: deepObject(40) },
  { name: 'deep object 5000', raw: deepObject(5000) },
  { name: 'deep array 20000', raw: deepArray(20_000) },
];

/** Bodies that are not what the operation takes at all. */
export const WHOLE_BODY: FuzzCase[] = [
  { label: 'body null', raw: 'null' },
  { label: 'body empty object', body: {} },
  { label: 'body array', body: [] },
  { label: 'body string', body: 'x' },
  { label: 'body number', body: 1e308 },
  { label: 'body true', body: true },
  { label: 'body malformed', raw: '{"a":' },
  { label: 'body __proto__', raw: '{"__proto__":{"isAdmin":true}}' },
  { label: 'body constructor.prototype', raw: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { label: 'body deep object 100000', raw: deepObject(100_000) },
  { label: 'body deep array 300000', raw: deepArray(300_000) },
  { label: 'body 100000 keys', raw: '{' + Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',') + '}' },
];

/** Path parameter values besides the valid one. */
export const PATH_VALUES = ['0', '-1', '2147483648', '1e308', '9999999999999999999999', 'abc', '%00', '1.5', '%20', 'NaN', '0x10', '%ED%A0%80', '%FF', '1%001', "'%20OR%201=1", 'x'.repeat(2000)];

export interface GenerateOptions {
  doc: Schema;
  op: WriteOperation;
  baseline: (n: number) => unknown;
  count: number;
  seed: number;
}

/** At least `count` cases for one operation: baselines, every priority mutation on every field, then sampled mutations and combinations. */
export function generateCases({ doc, op, baseline, count, seed }: GenerateOptions): FuzzCase[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const cases: FuzzCase[] = [];
  let n = 0;
  const base = () => baseline(n++);
  const paths = fieldPaths(doc, op.schema, baseline(0));
  const mutate = (body: unknown, path: Path, m: Mutation): FuzzCase => {
    const label = `${path.join('.') || '(body)'}: ${m.name}`;
    if (m.raw) return { label, raw: withRaw(body, path, m.raw) };
    return { label, body: setIn(body, path, m.value!(getIn(body, path))) };
  };

  for (let i = 0; i < 3; i++) cases.push({ label: 'valid baseline', body: base() });
  for (const path of paths) for (const m of MUTATIONS.filter((x) => x.priority)) cases.push(mutate(base(), path, m));
  cases.push(...WHOLE_BODY.map((c) => ({ ...c })));
  cases.push({ label: 'extra field', body: setIn(base(), ['fuzzExtra'], 1) });
  for (const path of paths.filter((p) => p.length > 1).slice(0, 3)) cases.push({ label: `extra field at ${path.slice(0, -1).join('.')}`, body: setIn(base(), [...path.slice(0, -1), 'fuzzExtra'], 'x') });
  for (const param of op.pathParams) for (const v of PATH_VALUES) cases.push({ label: `path ${param}=${v.slice(0, 20)}`, body: base(), params: { [param]: v } });

  const others = MUTATIONS.filter((m) => !m.priority);
  while (cases.length < count) {
    const roll = rnd();
    if (roll < 0.7 && paths.length) {
      cases.push(mutate(base(), pick(paths), pick(others)));
    } else if (roll < 0.9 && paths.length) {
      // Two or three mutations at once.
      let body = base();
      const labels: string[] = [];
      for (let k = 0; k < 2 + Math.floor(rnd() * 2); k++) {
        const path = pick(paths);
        const m = pick(MUTATIONS.filter((x) => !x.raw));
        body = setIn(body, path, m.value!(getIn(body, path)));
        labels.push(`${path.join('.')}: ${m.name}`);
      }
      cases.push({ label: labels.join(' + '), body });
    } else {
      cases.push({ label: 'random object', body: randomJson(rnd, 3) });
    }
  }
  return cases;
}

function randomJson(rnd: () => number, depth: number): Json {
  const r = rnd();
  if (depth <= 0 || r < 0.4) return [null, true, 0, -1, 2 ** 31, 1e308, '', ' ', '\u0000', 'x', '\ud800'][Math.floor(rnd() * 11)];
  if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomJson(rnd, depth - 1));
  const o: Record<string, Json> = {};
  for (let i = 0; i < Math.floor(rnd() * 4); i++) o[['id', 'name', 'schoolId', 'a\u0000', '', 'x'][Math.floor(rnd() * 6)]] = randomJson(rnd, depth - 1);
  return o;
}

/** Fills the path template: given values win, then the defaults. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return v;
  });
}

/** A short description of a body for failure messages. */
export function preview(c: FuzzCase): string {
  const text = c.raw ?? JSON.stringify(c.body) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
