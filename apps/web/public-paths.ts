/**
 * The paths served with respond.html instead of index.html: a survey respondent's code entry and code
 * (/respond, /respond/:code), a guardian's consent link (/consent/respond/:token) with the child's data behind the same
 * link (/privacy/my-data/:token), and the privacy policy (/privacy; only that path: staff pages under /privacy/… stay
 * in the app), and the public gallery of 우수사례 (/cases/public; 조례 제8조: the signed-in /cases pages stay in the app).
 * One pattern for the api (apps/api/src/web-ui.ts) and the Vite dev server.
 */
export const PUBLIC_DOCUMENT_PATH = /^\/(respond(\/[^/]+)?|consent\/respond\/[^/]+|privacy(\/my-data\/[^/]+)?|cases\/public)\/?$/;
