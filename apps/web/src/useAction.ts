import { useCallback, useState } from 'react';

export interface ActionState {
  /** True while an action runs (and, with `stayBusy`, after it succeeded). */
  busy: boolean;
  /** The last action's failure, shown with ErrorMessage. */
  error: unknown;
  setError: (error: unknown) => void;
  /**
   * Runs `action`: clears the error shown so far and marks the form busy; a failure is kept in `error`
   * (nothing is thrown). Resolves to whether the action succeeded.
   * With `stayBusy`, a success leaves the form busy: it is about to go away (a navigation, a closing form).
   */
  run: (action: () => Promise<unknown>, options?: { stayBusy?: boolean }) => Promise<boolean>;
}

/** The busy flag and error of a form's submit button or of another action. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<unknown>, { stayBusy = false }: { stayBusy?: boolean } = {}) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!stayBusy) setBusy(false);
      return true;
    } catch (e) {
      setError(e);
      setBusy(false);
      return false;
    }
  }, []);
  return { busy, error, setError, run };
}
