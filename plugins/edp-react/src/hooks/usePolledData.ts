import { useCallback, useEffect, useState } from 'react';

/** The floor of any polling interval: the cards ask our backends, which answer from their caches. @public */
export const POLL_INTERVAL_MS = 30_000;

/** What a load is told: whether to skip the backend's cache, and when to give up. @public */
export interface LoadOptions {
  /** True for every load after the first (Retry, Refresh): the backend should not answer from cache. */
  fresh: boolean;
  signal: AbortSignal;
}

/** @public */
export interface PolledDataState<T> {
  loading: boolean;
  value?: T;
  error?: Error;
  /** Loads again with fresh data, showing the loading state meanwhile (the Retry of a failure). */
  retry: () => void;
  /** Loads again with fresh data and keeps the current value on screen meanwhile (after an action). */
  refresh: () => void;
}

/** One load request: how many came before it, whether the value stays shown, whether to skip caches. */
interface Attempt {
  count: number;
  keep: boolean;
  fresh: boolean;
}

/**
 * Loads a card's data when `deps` change, on retry and refresh, and (with `pollMs`) again every
 * `pollMs` (at least POLL_INTERVAL_MS) while the tab is visible, keeping the value on screen.
 * A load superseded by a newer one is aborted and its answer dropped.
 * @public
 */
export function usePolledData<T>(
  load: (options: LoadOptions) => Promise<T>,
  deps: unknown[],
  options: { pollMs?: number } = {},
): PolledDataState<T> {
  const [attempt, setAttempt] = useState<Attempt>({
    count: 0,
    keep: false,
    fresh: false,
  });
  const [state, setState] = useState<
    Omit<PolledDataState<T>, 'retry' | 'refresh'>
  >({ loading: true });

  useEffect(() => {
    const controller = new AbortController();
    setState(previous =>
      attempt.keep && previous.value !== undefined
        ? { loading: true, value: previous.value }
        : { loading: true },
    );
    load({ fresh: attempt.fresh, signal: controller.signal }).then(
      value => {
        if (!controller.signal.aborted) setState({ loading: false, value });
      },
      error => {
        if (!controller.signal.aborted) setState({ loading: false, error });
      },
    );
    return () => controller.abort();
    // `load` is a new function on every render; `deps` and the attempt say when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const { pollMs } = options;
  useEffect(() => {
    if (pollMs === undefined) return undefined;
    const timer = setInterval(() => {
      if (
        typeof document === 'undefined' ||
        document.visibilityState !== 'hidden'
      )
        setAttempt(a => ({ count: a.count + 1, keep: true, fresh: false }));
    }, Math.max(pollMs, POLL_INTERVAL_MS));
    return () => clearInterval(timer);
  }, [pollMs]);

  // Stable, so that cards may list them in their effects' dependencies.
  const retry = useCallback(
    () => setAttempt(a => ({ count: a.count + 1, keep: false, fresh: true })),
    [],
  );
  const refresh = useCallback(
    () => setAttempt(a => ({ count: a.count + 1, keep: true, fresh: true })),
    [],
  );
  return { ...state, retry, refresh };
}
