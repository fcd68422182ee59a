import { useEffect, type ReactNode } from 'react';
import { useParams, useRouteError, type LazyRouteFunction, type NonIndexRouteObject } from 'react-router';
import { PageLoadFailed } from './lazyComponent';
import { useSession, useUser } from './sessionContext';
import type { User } from './api/models';

// Router-free, for the public entry too (publicEntry.tsx).
export { lazyPage, LoadingPage, PageLoadFailed } from './lazyComponent';

/** A page's named segments (`/schools/:id` → { id }), decoded. */
export type Params = Record<string, string>;

/**
 * The routes' error boundary: a page whose chunk did not download (React Router tries the import again at the
 * next navigation) or that failed to render shows 새로 고침 inside the frame, and the error goes to the console.
 */
export function PageError() {
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return <PageLoadFailed />;
}

/**
 * A route's `lazy`: the page's module (with what only it uses) is a chunk of its own, downloaded when the route
 * is first opened. `load` is `() => import('./pages/…')`, written out so that the bundler sees the import;
 * `render` makes the page from the module, the signed-in user and the address's named segments.
 */
export function page<M>(load: () => Promise<M>, render: (module: M, user: User, params: Params) => ReactNode): LazyRouteFunction<NonIndexRouteObject> {
  return async () => {
    const module = await load();
    function Page() {
      return render(module, useUser(), useParams() as Params);
    }
    return { Component: Page };
  };
}

/** The `lazy` of a page anyone may open without logging in: `render` is told whether someone is signed in. */
export function publicPage<M>(load: () => Promise<M>, render: (module: M, params: Params, loggedIn: boolean) => ReactNode): LazyRouteFunction<NonIndexRouteObject> {
  return async () => {
    const module = await load();
    function PublicPage() {
      return render(module, useParams() as Params, useSession().session !== null);
    }
    return { Component: PublicPage };
  };
}

