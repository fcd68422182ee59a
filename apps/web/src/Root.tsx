import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { Outlet, ScrollRestoration, useMatches } from 'react-router';
import { PublicLayout } from './components/SiteHeader';
import { lazyPage } from './lazyPage';
import { queryClient } from './query';
import type { RouteHandle } from './routes';
import { loadSession, onSessionReplaced, saveSession, type Session } from './session';
import { SessionContext, useSession } from './sessionContext';
import { setRouteTitle } from './title';
import type { User } from './api/models';

// The signed-in frame (header, menu, access rules) is a chunk of its own: a public page opened without a session
// never downloads it.
const SignedInFrame = lazyPage(() => import('./App'), 'SignedInFrame');

/** The handle of the page shown (the deepest matched route's). */
function usePageHandle(): RouteHandle | undefined {
  return useMatches().at(-1)?.handle as RouteHandle | undefined;
}

/** A page's title: the menu's label for the user's role where the menu names the page, else the route's title. */
const pageTitle = (handle: RouteHandle, user: User | null): string => (user && handle.menu?.labels[user.role]) || handle.title;

/** The root route: the session (from sessionStorage, followed when a page replaces it), the document title, the scroll. */
export function Root() {
  const [session, setSession] = useState<Session | null>(loadSession);
  // A page that replaces the session (a new token after a password change, a new name) shows at once.
  useEffect(() => onSessionReplaced(setSession), []);
  useEffect(() => {
    if (session) saveSession(session);
  }, [session]);
  // Another person (or no one) signed in: nothing the previous one was shown stays cached for the next.
  const userId = session?.user.id;
  useEffect(() => () => queryClient.clear(), [userId]);

  const handle = usePageHandle();
  const title = handle && pageTitle(handle, session?.user ?? null);
  // A layout effect: it runs before the page's own effects, so a page's more specific title (usePageTitle) wins.
  useLayoutEffect(() => setRouteTitle(title), [title]);

  const value = useMemo(() => ({ session, setSession }), [session]);
  return (
    <SessionContext value={value}>
      <Outlet />
      <ScrollRestoration />
    </SessionContext>
  );
}

/**
 * The frame of every page but the sign-in ones: the signed-in frame for someone signed in; without a session, the
 * public frame for a public page (any other page's loader has already sent the person to the login).
 */
export function Frame() {
  const { session } = useSession();
  const handle = usePageHandle();
  if (session) return <SignedInFrame />;
  if (handle?.public)
    return (
      <PublicLayout>
        <Outlet />
      </PublicLayout>
    );
  return null;
}
