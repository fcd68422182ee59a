import { createHash } from 'node:crypto';

/*
 * Template versions. A campaign freezes the template version it was launched with, so responses are
 * always read against the exact questions respondents saw. Saving an edited template creates a new
 * version only when its fingerprint differs from the latest one; re-saving unchanged content (or the
 * same content read back from jsonb, which does not keep key order) must not.
 */

/**
 * SHA-256 (lowercase hex) of the canonical JSON of a template definition.
 *
 * It fingerprints the definition as written: it does not fill in defaults (an explicit
 * `maxLength: 200` differs from an omitted one) or normalise text. Array order is content (question
 * and option order are what respondents see); object key order is not.
 */
export function templateFingerprint(def: unknown): string {
  return createHash('sha256').update(canonicalJson(def), 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted (by UTF-16 code units, like RFC 8785) at every level and no
 * whitespace. Properties whose value is undefined are left out, as JSON.stringify and jsonb do.
 *
 * Throws on values that JSON cannot represent faithfully (NaN, Infinity, bigint, functions, symbols,
 * class instances such as Date, cycles) instead of letting JSON.stringify turn them into null or
 * strings, which would make different definitions share a fingerprint.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$', new Set());
}

function encode(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be represented in JSON`);
      return JSON.stringify(value); // -0 becomes 0, as in JSON.stringify
    case 'object':
      break;
    default:
      throw new TypeError(`${path}: ${typeof value} cannot be represented in JSON`);
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) throw new TypeError(`${path}: circular reference`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // A hole or undefined element becomes null, as JSON.stringify does.
      return `[${Array.from(value, (item, i) => (item === undefined ? 'null' : encode(item, `${path}[${i}]`, ancestors))).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${path}: only plain objects can be fingerprinted`);
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
