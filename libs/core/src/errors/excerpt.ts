/*
 * Error messages name the offending value so it can be found, but never repeat more than a short
 * excerpt of it: a value comes from the client and may be megabytes long (a 19 MB one-line CSV
 * once came back as its own header in a 19.9 MB error body).
 */

/** How much of a value an error message repeats. */
export const EXCERPT_CHARS = 40;

/** The first `max` characters of `value`, with … when cut. */
export function excerpt(value: string, max = EXCERPT_CHARS): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * A reason built elsewhere, made safe to send: values are quoted ('…') by convention, so every
 * quoted run longer than an excerpt is cut to one, and the whole text to `max` characters.
 */
export function clipReason(reason: string, max = 300): string {
  let out = reason;
  if (out.length > EXCERPT_CHARS + 2) {
    out = out.replace(new RegExp(`'([^']{${EXCERPT_CHARS + 1},})'`, 'g'), (_, v: string) => `'${excerpt(v)}'`);
  }
  return excerpt(out, max);
}
