import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the data shown until the new answer arrives. */
  reload: () => Promise<void>;
  setData: (update: (data: T | null) => T | null) => void;
}

export interface AsyncOptions {
  /** When `deps` change, keep showing the old data until the new answer arrives (a list whose filters changed). */
  keepData?: boolean;
}

/** Runs `load` when `deps` change; answers to superseded loads are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, { keepData = false }: AsyncOptions = {}): AsyncState<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const result = await run();
      if (mine === generation.current) setDataState(result);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    if (!keepData) setDataState(null);
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const setData = useCallback((update: (data: T | null) => T | null) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
