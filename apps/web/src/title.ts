import { useEffect } from 'react';

/** The site's name: the whole title of index.html (the first paint), and the end of every page's. */
const SITE = '서울특별시교육청 AI 교육 플랫폼';

/** The document title of a page: "학교 목록 · 서울특별시교육청 AI 교육 플랫폼"; the site's name alone without one. */
export const documentTitle = (title?: string | null): string => (title ? `${title} · ${SITE}` : SITE);

/** The current route's title (its `handle.title`), to which a page's own title falls back when the page closes. */
let routeTitle: string | undefined;

/** Called by the root route with the matched route's title (in a layout effect: before any page's own title). */
export function setRouteTitle(title: string | undefined): void {
  routeTitle = title;
  document.title = documentTitle(title);
}

/**
 * A more specific title than the route's, for a page showing one record (a school's name, a survey's
 * title): set once `title` is known, the route's again when the page closes. Null or undefined keeps the
 * route's title (e.g. while the record loads).
 */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (!title) return;
    document.title = documentTitle(title);
    return () => {
      document.title = documentTitle(routeTitle);
    };
  }, [title]);
}
