/**
 * Asks `question` with window.confirm and, if confirmed, runs `action`: the error shown so far is
 * cleared first, and a failure is handed to `setError` (nothing is thrown).
 */
export async function confirmThenRun(question: string, action: () => Promise<void>, setError: (error: unknown) => void): Promise<void> {
  if (!window.confirm(question)) return;
  setError(null);
  try {
    await action();
  } catch (e) {
    setError(e);
  }
}
