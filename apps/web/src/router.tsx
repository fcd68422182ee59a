import { useMemo } from 'react';
import { matchPath as matchRoute, useLocation as useRouterLocation } from 'react-router';
import { router } from './routes';

// The app's former hand-written router, now a thin layer over React Router's data router (routes.tsx), so that
// the pages' imports keep working. The pages will import from 'react-router' directly (Link, useNavigate,
// useLocation, useSearchParams, useParams) and this module will go.

export { Link } from 'react-router';

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

/** The current address: its path, its query and both together. */
export function useLocation(): Location {
  const { pathname, search } = useRouterLocation();
  return useMemo(() => ({ path: pathname, query: new URLSearchParams(search), href: pathname + search }), [pathname, search]);
}

/** Opens `to` (a same-site path with its query); `replace` replaces the current history entry. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const { pathname, search } = router.state.location;
  if (to === pathname + search) return;
  void router.navigate(to, { replace });
}

/** Matches "/schools/:id" style patterns against a whole path; returns the named segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  return (matchRoute({ path: pattern, caseSensitive: true }, path)?.params as Record<string, string> | undefined) ?? null;
}
