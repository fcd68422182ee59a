import { lazy, Suspense, useEffect, type ComponentProps, type ComponentType, type JSX, type ReactNode } from 'react';
import { useParams, useRouteError, type LazyRouteFunction, type NonIndexRouteObject } from 'react-router';
import { Loading } from './components/Loading';
import { useSession, useUser } from './sessionContext';
import type { User } from './types';

/** A page's named segments (`/schools/:id` → { id }), decoded. */
export type Params = Record<string, string>;

/** A page that shows only 불러오는 중 (e.g. until the app's code is there). */
export function LoadingPage() {
  return (
    <div className="page">
      <Loading />
    </div>
  );
}

/** Shown instead of a page whose code could not be downloaded (e.g. the site was updated since this tab opened). */
export function PageLoadFailed() {
  return (
    <div className="page">
      <div className="alert alert-error" role="alert">
        <p className="alert-title">화면을 불러오지 못했습니다. 새로 고침한 뒤 다시 시도해 주세요.</p>
      </div>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          새로 고침
        </button>
      </p>
    </div>
  );
}

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

/**
 * A component (not a route's page) whose module is a separate chunk, downloaded the first time it is shown, with
 * 불러오는 중 until then and 새로 고침 if the download fails. `name` is the module's named export.
 */
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K): M[K] {
  type Props = ComponentProps<M[K]>;
  const Lazy = lazy<ComponentType<Props>>(() =>
    load().then(
      (module) => ({ default: module[name] }),
      (error: unknown) => {
        console.error(error);
        return { default: PageLoadFailed };
      },
    ),
  );
  function Page(props: Props): JSX.Element {
    return (
      <Suspense fallback={<LoadingPage />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  Page.displayName = `lazyPage(${name})`;
  return Page as unknown as M[K];
}
