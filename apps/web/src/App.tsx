import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, setPasswordChangeHandler, setUnauthorizedHandler } from './api';
import { Header, SiteHeader } from './components/Header';
import { Redirect } from './components/Redirect';
import { lazyPage } from './lazyPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { isAdmin } from './roles';
import { Link, navigate, useLocation } from './router';
import { findRoute } from './routes';
import { clearSession, loadSession, onSessionReplaced, saveSession, type Session } from './session';
import type { LoginResponse, User } from './types';

// The pages of a sign-in other than the login form, each a chunk of its own.
const ActivatePage = lazyPage(() => import('./pages/accounts/ActivatePage'), 'ActivatePage');
const ForcedPasswordPage = lazyPage(() => import('./pages/accounts/ForcedPasswordPage'), 'ForcedPasswordPage');
const SsoLandingPage = lazyPage(() => import('./pages/accounts/SsoLandingPage'), 'SsoLandingPage');

/**
 * The page at `path` if anyone may open it without logging in: the designated schools (조례 제5조), a
 * digital badge's verification page (조례 제7조) and the survey respondent form (조례 제6조); null for
 * every other path.
 */
function publicPage(path: string, loggedIn: boolean): ReactNode | null {
  const found = findRoute(path);
  return found && 'publicPage' in found.route ? found.route.publicPage(found.params, loggedIn) : null;
}

/** Where each role starts: administrators on the dashboard, school staff on their own school. */
export function homePath(user: User): string {
  if (isAdmin(user)) return '/dashboard';
  return user.schoolId !== null ? `/schools/${user.schoolId}` : '/schools';
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const { path, query, href } = useLocation();

  const logout = useCallback(async (expired = false) => {
    // 로그아웃 ends the token on the server first; an expired one has nothing left to end.
    if (!expired) await api.logout().catch(() => undefined);
    clearSession();
    setSession(null);
    const here = window.location.pathname + window.location.search;
    navigate(expired ? `/login?expired=1&next=${encodeURIComponent(here)}` : '/login', { replace: true });
  }, []);

  useEffect(() => setUnauthorizedHandler(() => void logout(true)), [logout]);
  // A temporary password closes every page until it is changed, also when the stored user did not say so.
  useEffect(
    () => setPasswordChangeHandler(() => setSession((s) => (s && !s.user.mustChangePassword ? { ...s, user: { ...s.user, mustChangePassword: true } } : s))),
    [],
  );
  // A page that replaces the session (a new token after a password change, a new name) shows at once.
  useEffect(() => onSessionReplaced(setSession), []);

  // Refresh the stored user from the server once (also catches an expired token).
  useEffect(() => {
    if (!session) return;
    api.me().then(
      (user) => {
        setSession((s) => (s ? { ...s, user } : s));
      },
      () => undefined,
    );
  }, [session?.token]);

  useEffect(() => {
    if (session) saveSession(session);
  }, [session]);

  /** A sign-in's answer becomes the session; then `to`, or where the person was going, or their home page. */
  const signedIn = (result: LoginResponse, to?: string) => {
    const next: Session = { token: result.accessToken, user: result.user };
    saveSession(next);
    setSession(next);
    navigate(to ?? safeNext(query.get('next')) ?? homePath(result.user), { replace: true });
  };
  const onLoggedIn = (result: LoginResponse) => signedIn(result);

  // An activation or reset link and the SSO landing start a new session, whether or not there is one.
  if (path === '/activate') {
    return (
      <PublicLayout>
        <ActivatePage onSignedIn={(result) => signedIn(result, homePath(result.user))} />
      </PublicLayout>
    );
  }
  if (path === '/login/sso') {
    return (
      <PublicLayout>
        <SsoLandingPage onSignedIn={(result) => signedIn(result, homePath(result.user))} />
      </PublicLayout>
    );
  }

  if (!session) {
    const page = publicPage(path, false);
    if (page) return <PublicLayout>{page}</PublicLayout>;
    if (path === '/login') return <LoginPage onLoggedIn={onLoggedIn} expired={query.get('expired') === '1'} />;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(href)}`;
    return <Redirect to={`/login${next}`} />;
  }

  const { user } = session;
  if (user.mustChangePassword) {
    // Once changed, the page asked for (or the home page) opens.
    const after = path === '/' || path === '/login' ? homePath(user) : href;
    return (
      <Frame header={<Header user={user} onLogout={() => void logout()} restricted />}>
        <ForcedPasswordPage user={user} onChanged={(result) => signedIn(result, after)} />
      </Frame>
    );
  }
  return (
    <Frame header={<Header user={user} onLogout={() => void logout()} />}>
      <Route path={path} user={user} />
    </Frame>
  );
}

/** The page frame: a skip link, the header, the page and the footer. */
function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      {header}
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p>서울특별시교육청 인공지능 교육 지원 조례에 따른 AI 교육 플랫폼</p>
      </footer>
    </>
  );
}

/** The public pages' frame: the brand, a login link, no session, no menu. */
function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Frame
      header={
        <SiteHeader home="/designated">
          <div className="user-box">
            <Link to="/login" className="button button-ghost">
              로그인
            </Link>
          </div>
        </SiteHeader>
      }
    >
      {children}
    </Frame>
  );
}

function Route({ path, user }: { path: string; user: User }) {
  if (path === '/' || path === '/login') return <Redirect to={homePath(user)} />;
  const found = findRoute(path);
  if (!found) return <NotFoundPage />;
  const { route, params } = found;
  if ('publicPage' in route) return route.publicPage(params, true);
  if (route.access && !route.access.allow(user)) return <NotFoundPage title="접근 권한이 없습니다." text={route.access.denied} />;
  return route.page(user, params);
}
