import type { User } from './api/models';

const TOKEN_KEY = 'aiedu.token';
const USER_KEY = 'aiedu.user';

export interface Session {
  token: string;
  user: User;
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const raw = sessionStorage.getItem(USER_KEY);
  if (!token || !raw) return null;
  try {
    return { token, user: JSON.parse(raw) as User };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(session.user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}

export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

type SessionListener = (session: Session) => void;
const listeners = new Set<SessionListener>();

/** The app follows sessions replaced by a page (a new token after a password change, a new name). */
export function onSessionReplaced(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps a new session (token and user) and tells the app, which shows the new user at once. */
export function replaceSession(session: Session): void {
  saveSession(session);
  listeners.forEach((listener) => listener(session));
}
