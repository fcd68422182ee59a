/**
 * The paths served with respond.html instead of index.html: a survey respondent's code entry and code
 * (/respond, /respond/:code) and a guardian's consent link (/consent/respond/:token). One pattern for the api
 * (apps/api/src/web-ui.ts) and the Vite dev server.
 */
export const PUBLIC_DOCUMENT_PATH = /^\/(respond(\/[^/]+)?|consent\/respond\/[^/]+)\/?$/;
