import { createContext, useContext, type Dispatch, type SetStateAction } from 'react';
import type { Session } from './session';
import type { User } from './api/models';

export interface SessionState {
  /** The signed-in person's token and user; null when no one is signed in. */
  session: Session | null;
  setSession: Dispatch<SetStateAction<Session | null>>;
}

/** The session, held by the root route (so every page and frame follows a sign-in, a new name, a logout). */
export const SessionContext = createContext<SessionState>({ session: null, setSession: () => undefined });

export const useSession = (): SessionState => useContext(SessionContext);

/** The signed-in user, on the pages only a signed-in person reaches (the signed-in frame renders them only then). */
export function useUser(): User {
  const { session } = useSession();
  if (!session) throw new Error('useUser outside a signed-in page');
  return session.user;
}
