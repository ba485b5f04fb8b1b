import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** How often the cards ask our backend again; the backend answers from its cache. */
export const POLL_INTERVAL_MS = 30_000;

/**
 * Loads data and loads it again every `intervalMs` while the tab is visible.
 * The previous value stays on screen while a reload runs.
 */
export function usePolledData<T>(
  load: () => Promise<T>,
  deps: unknown[],
  intervalMs = POLL_INTERVAL_MS,
) {
  const state = useAsyncRetry(load, deps);
  const { retry } = state;
  useEffect(() => {
    const timer = setInterval(() => {
      if (
        typeof document === 'undefined' ||
        document.visibilityState !== 'hidden'
      )
        retry();
    }, Math.max(intervalMs, POLL_INTERVAL_MS));
    return () => clearInterval(timer);
  }, [retry, intervalMs]);
  return state;
}
