import { type ComponentType } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PublicLayout } from './components/SiteHeader';
import { lazyPage } from './lazyPage';
import { LoginPage } from './pages/LoginPage';
import { isAdmin } from './roles';
import { saveSession, type Session } from './session';
import { useSession } from './sessionContext';
import type { LoginResponse, User } from './api/models';

// The sign-in pages (the login form, an activation or reset link, the SSO landing), with the signed-in routes
// (appRoutes.tsx): a chunk the public pages never load.

// The pages of a sign-in other than the login form, each a chunk of its own.
const ActivatePage = lazyPage(() => import('./pages/accounts/ActivatePage'), 'ActivatePage');
const SsoLandingPage = lazyPage(() => import('./pages/accounts/SsoLandingPage'), 'SsoLandingPage');

/** Where each role starts: administrators on the dashboard, school staff on their own school. */
export function homePath(user: User): string {
  if (isAdmin(user)) return '/dashboard';
  return user.schoolId !== null ? `/schools/${user.schoolId}` : '/schools';
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

/** A sign-in's answer becomes the session; then `to`, or where the person was going (?next=), or their home page. */
export function useSignedIn(): (result: LoginResponse, to?: string) => void {
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [query] = useSearchParams();
  return (result, to) => {
    const next: Session = { token: result.accessToken, user: result.user };
    saveSession(next);
    setSession(next);
    void navigate(to ?? safeNext(query.get('next')) ?? homePath(result.user), { replace: true });
  };
}

export function LoginRoute() {
  const signedIn = useSignedIn();
  const [query] = useSearchParams();
  return <LoginPage onLoggedIn={(result) => signedIn(result)} expired={query.get('expired') === '1'} />;
}

/** A page that starts a new session, whether or not there is one, in the public frame; then the person's home page. */
function newSessionRoute<R extends LoginResponse>(Page: ComponentType<{ onSignedIn: (result: R) => void }>) {
  return function NewSessionRoute() {
    const signedIn = useSignedIn();
    return (
      <PublicLayout>
        <Page onSignedIn={(result) => signedIn(result, homePath(result.user))} />
      </PublicLayout>
    );
  };
}

/** An activation or reset link. */
export const ActivateRoute = newSessionRoute(ActivatePage);
/** The landing of the office's single sign-on. */
export const SsoLandingRoute = newSessionRoute(SsoLandingPage);
