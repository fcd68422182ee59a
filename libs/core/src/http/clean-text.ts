import { excerpt, ValidationFailedError } from '../errors';

/*
 * The one rule for every string a client sends (body, query string, path parameters), checked by
 * the global ValidationPipe before any DTO sees the value, so no DTO needs a decorator for it:
 *
 * - no control characters: U+0000–U+001F except tab, line feed and carriage return, and U+007F.
 *   PostgreSQL refuses NUL in text and in jsonb (a 500 before this rule), and no field of ours
 *   means anything by the others;
 * - well-formed Unicode: no lone surrogate (JSON allows "\ud800"; text columns would store U+FFFD
 *   instead, and jsonb columns, the audit log among them, refuse it).
 *
 * Property names of objects are held to the same rule (free-form objects such as survey
 * definitions and answers end up in jsonb). Trimming and "not empty" belong to the fields that
 * need them: see `@Text` in input.decorators.ts.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface TextProblem {
  field: string;
  reason: string;
}

/** Why a string breaks the rule, or undefined. */
export function textProblem(text: string): string | undefined {
  const m = CONTROL.exec(text);
  if (m) return `must not contain control characters (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at ${m.index})`;
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return undefined;
}

/**
 * The first string (value or property name) in `value` that breaks the rule, with its path
 * (`criteria.0.name`). Iterative, so a deep value cannot exhaust the stack; JSON bodies are
 * already limited in depth and size by the body parser (json-depth.ts).
 */
export function findTextProblem(value: unknown, root = ''): TextProblem | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { field: path || 'body', reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const keyPath = path ? `${path}.${key}` : key;
        const reason = textProblem(key);
        if (reason) return { field: keyPath, reason: `property name ${reason}` };
        stack.push([(v as Record<string, unknown>)[key], keyPath]);
      }
    }
  }
  return undefined;
}

/** Throws the API's 400 when `value` holds a string that breaks the rule. */
export function assertCleanText(value: unknown, root = ''): void {
  const problem = findTextProblem(value, root);
  if (problem) {
    const field = problem.field.replace(new RegExp(CONTROL.source, 'g'), '?');
    throw new ValidationFailedError(`Invalid input: ${excerpt(field, 100)} ${problem.reason}`, [{ field: excerpt(field, 100), reason: problem.reason }]);
  }
}
