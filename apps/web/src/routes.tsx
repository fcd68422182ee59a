import { createBrowserRouter, type LazyRouteFunction, type NonIndexRouteObject, type PatchRoutesOnNavigationFunction } from 'react-router';
import { LoadingPage, PageError, publicPage } from './lazyPage';
import { Frame, Root } from './Root';
import type { Role, User } from './api/models';

/** Menu labels by role: a role without a label gets no menu item. */
export type Labels = Partial<Record<Role, string>>;

export interface Menu {
  labels: Labels;
  /** Where the item links when not to the route's path (e.g. the user's own school); null for no item. */
  to?: (user: User) => string | null;
  /** Other paths (and their sub-paths) that belong to this item. */
  also?: string[];
}

/** Who may open a page; everyone else sees 접근 권한이 없습니다 and `denied`. */
export interface Access {
  allow: (user: User) => boolean;
  denied: string;
}

/** What the app knows of a route besides its page (React Router's `handle`, read with useMatches). */
export interface RouteHandle {
  /** The page's title, the document's title before the site's name (for a role with a menu label, that label). */
  title: string;
  /** The main menu's item for this page. */
  menu?: Menu;
  access?: Access;
  /** Anyone may open the page without logging in; signed in, it shows inside the usual frame. */
  public?: true;
}

/** A page of the app: a path (a pattern with `:name` segments; an `:id` must be digits), its handle, its lazy chunk. */
export interface AppRoute {
  path: string;
  handle: RouteHandle;
  lazy: LazyRouteFunction<NonIndexRouteObject>;
}

export const ADMINS: Role[] = ['city_admin', 'district_admin'];
export const STAFF: Role[] = ['principal', 'teacher'];
export const EVERYONE: Role[] = [...ADMINS, ...STAFF];
export const label = (roles: Role[], text: string): Labels => Object.fromEntries(roles.map((role) => [role, text]));

/**
 * The pages anyone may open without logging in, known from the start: the designated schools (조례 제5조) and a
 * digital badge's verification (조례 제7조). Everything else (appRoutes.tsx, with the signed-in frame) is
 * discovered on the first navigation to it. The survey respondent form (조례 제6조) and the guardian's consent
 * link (조례 제9조) are not routes of this app: they are a document of their own (publicEntry.tsx), so that a
 * phone opening one downloads neither the router nor any admin code.
 */
export const PUBLIC_PAGES = {
  designated: {
    path: '/designated',
    handle: { title: '선도학교·연구학교 지정 현황', menu: { labels: label(STAFF, '지정 현황') }, public: true },
    lazy: publicPage(() => import('./pages/designations/PublicDesignatedPage'), ({ PublicDesignatedPage }, _, loggedIn) => <PublicDesignatedPage loggedIn={loggedIn} />),
  },
  badge: {
    path: '/badges/:badgeId/verify',
    handle: { title: '디지털 배지 검증', public: true },
    lazy: publicPage(() => import('./pages/training/BadgeVerifyPage'), ({ BadgeVerifyPage }, { badgeId }, loggedIn) => (
      <BadgeVerifyPage key={badgeId} badgeId={badgeId} loggedIn={loggedIn} />
    )),
  },
} satisfies Record<string, AppRoute>;

/**
 * Adds the signed-in part of the app (appRoutes.tsx: every other page, the login, the frame with the menu) when
 * a path is not a public page's. React Router asks on every path it cannot match, and on every path matched
 * with a named segment (a better match might be undiscovered); routes already there are not added twice.
 */
const discover: PatchRoutesOnNavigationFunction = async ({ matches, patch }) => {
  if ((matches.at(-1)?.route.handle as RouteHandle | undefined)?.public) return;
  const { SIGNED_IN_ROUTES } = await import('./appRoutes');
  patch('pages', SIGNED_IN_ROUTES.pages);
  patch('root', SIGNED_IN_ROUTES.root);
};

/**
 * The app's data router. The root keeps the session and the document title; every page but the sign-in ones shows
 * in the frame (Frame: the public one, or the signed-in one with the menu for someone signed in), under `pages`,
 * whose error boundary shows 새로 고침 when a page's chunk fails to download. Each page is a lazy chunk. What
 * `discover` adds: the signed-in pages under `pages` (behind a loader sending anyone not signed in to the login)
 * and the sign-in pages (/, /login, /activate, /login/sso) under `root`.
 */
export const router = createBrowserRouter(
  [
    {
      id: 'root',
      Component: Root,
      HydrateFallback: LoadingPage,
      ErrorBoundary: PageError,
      children: [{ id: 'frame', Component: Frame, children: [{ id: 'pages', ErrorBoundary: PageError, children: Object.values(PUBLIC_PAGES) }] }],
    },
  ],
  { patchRoutesOnNavigation: discover },
);
