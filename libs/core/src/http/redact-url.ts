/** Query parameters that carry one-time secrets (activation tokens, OIDC codes and state). */
const SECRET_PARAMS = new Set(['token', 'code', 'state', 'id_token', 'access_token', 'session_state']);

/** Paths whose next segment is a one-time secret: a survey code, a consent slip's link token (also on the privacy pages), an activation token. */
const SECRET_SEGMENT_AFTER = [/^(\/api\/v\d+\/surveys\/respond\/)[^/?#]+/, /^(\/api\/v\d+\/consent\/respond\/)[^/?#]+/, /^(\/respond\/)[^/?#]+/, /^(\/consent\/respond\/)[^/?#]+/, /^(\/guardian\/)[^/?#]+/,
  // The same link opening what is held about the child (the page and its api route).
  /^(\/api\/v\d+\/privacy\/my-data\/)[^/?#]+/, /^(\/privacy\/my-data\/)[^/?#]+/];

/**
 * A request URL fit for a log line: one-time codes and tokens, in the path or the query, are
 * replaced by `[redacted]`, so a log never links an anonymous answer to its code or holds a
 * usable link.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  for (const re of SECRET_SEGMENT_AFTER) path = path.replace(re, '$1[redacted]');
  if (q === -1) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeSafe(eq === -1 ? pair : pair.slice(0, eq));
      return SECRET_PARAMS.has(name.toLowerCase()) ? `${pair.slice(0, eq === -1 ? pair.length : eq)}=[redacted]` : pair;
    });
  return `${path}?${params.join('&')}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
