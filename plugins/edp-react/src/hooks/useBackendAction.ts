import { useState } from 'react';
import { backendMessage } from '../errors';

/** What {@link useBackendAction} gives a dialog or button. @public */
export interface BackendActionState<A extends unknown[]> {
  /** True while the action runs: disable the submit button. */
  busy: boolean;
  /** The backend's reason for the last failure (cleared when the action runs again). */
  error?: string;
  /** Runs the action; a failure is kept in `error` instead of being thrown. */
  run: (...args: A) => Promise<void>;
}

/**
 * Runs a write a user asked for (a rollback, a workflow dispatch) and keeps what a dialog shows
 * about it: busy while it runs, and the backend's own reason when it fails (the missing permission,
 * the field to fix), so every dialog reports a refusal the same way.
 * @public
 */
export function useBackendAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): BackendActionState<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (e) {
      setError(backendMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
