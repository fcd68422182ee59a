import { useCallback, useEffect } from 'react';
import { Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { api, setPasswordChangeHandler, setUnauthorizedHandler } from './api';
import { Header } from './components/Header';
import { PageFrame } from './components/SiteHeader';
import { lazyPage } from './lazyPage';
import { NotFoundPage } from './pages/NotFoundPage';
import type { RouteHandle } from './routes';
import { clearSession } from './session';
import { useSession } from './sessionContext';
import { useSignedIn } from './SignIn';
import { usePageTitle } from './title';
import type { User } from './api/models';

// The signed-in frame (the header with the menu, the forced password change, who may open which page): a chunk of
// its own, which a public page opened without a session never loads.

const ForcedPasswordPage = lazyPage(() => import('./pages/accounts/ForcedPasswordPage'), 'ForcedPasswordPage');

/**
 * Every page of a signed-in person, also the public ones: the header with their menu, then the page, unless a
 * temporary password must first be changed, the person's role may not open the page, or an `:id` is no number.
 */
export function SignedInFrame() {
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const signedIn = useSignedIn();

  const logout = useCallback(
    async (expired = false) => {
      // 로그아웃 ends the token on the server first; an expired one has nothing left to end.
      if (!expired) await api.logout().catch(() => undefined);
      clearSession();
      setSession(null);
      const here = window.location.pathname + window.location.search;
      await navigate(expired ? `/login?expired=1&next=${encodeURIComponent(here)}` : '/login', { replace: true });
    },
    [navigate, setSession],
  );

  useEffect(() => setUnauthorizedHandler(() => void logout(true)), [logout]);
  // A temporary password closes every page until it is changed, also when the stored user did not say so.
  useEffect(
    () => setPasswordChangeHandler(() => setSession((s) => (s && !s.user.mustChangePassword ? { ...s, user: { ...s.user, mustChangePassword: true } } : s))),
    [setSession],
  );

  // Refresh the stored user from the server once (also catches an expired token).
  useEffect(() => {
    if (!session) return;
    api.me().then(
      (user) => setSession((s) => (s ? { ...s, user } : s)),
      () => undefined,
    );
  }, [session?.token]);

  const mustChange = session?.user.mustChangePassword ?? false;
  usePageTitle(mustChange ? '새 비밀번호 설정' : null);
  if (!session) return null;
  const { user } = session;
  if (mustChange) {
    // Once changed, the page asked for opens.
    return (
      <PageFrame header={<Header user={user} onLogout={() => void logout()} restricted />}>
        <ForcedPasswordPage user={user} onChanged={(result) => signedIn(result, pathname + search)} />
      </PageFrame>
    );
  }
  return (
    <PageFrame header={<Header user={user} onLogout={() => void logout()} />}>
      <Guarded user={user} />
    </PageFrame>
  );
}

/** The page, or 접근 권한이 없습니다 for a role that may not open it, or 페이지를 찾을 수 없습니다 for an `:id` that is no number. */
function Guarded({ user }: { user: User }) {
  const match = useMatches().at(-1);
  const access = (match?.handle as RouteHandle | undefined)?.access;
  const id = match?.params.id;
  const notFound = id !== undefined && !/^\d+$/.test(id);
  const denied = !notFound && access && !access.allow(user) ? access.denied : null;
  usePageTitle(notFound ? '페이지를 찾을 수 없습니다' : denied ? '접근 권한이 없습니다' : null);
  if (notFound) return <NotFoundPage />;
  if (denied) return <NotFoundPage title="접근 권한이 없습니다." text={denied} />;
  return <Outlet />;
}
