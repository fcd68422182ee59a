import { useEffect, useMemo, useRef } from 'react';

export interface Polling {
  /** False once the component has gone away: answers arriving after that are dropped. */
  alive: () => boolean;
  /** Runs `next` after `ms` (one pending call at a time). */
  after: (ms: number, next: () => void) => void;
  /** Cancels the pending call. */
  stop: () => void;
}

/** A timer for polling a background job, stopped when the component unmounts. */
export function usePolling(): Polling {
  const alive = useRef(true);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);

  return useMemo(
    () => ({
      alive: () => alive.current,
      after: (ms, next) => {
        timer.current = window.setTimeout(next, ms);
      },
      stop: () => window.clearTimeout(timer.current),
    }),
    [],
  );
}
