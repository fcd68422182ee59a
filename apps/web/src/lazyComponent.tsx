import { lazy, Suspense, type ComponentProps, type ComponentType, type JSX } from 'react';
import { Loading } from './components/Loading';

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
