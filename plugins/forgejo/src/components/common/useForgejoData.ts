import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  forgejoApiRef,
  type ForgejoApi,
  type ForgejoRequestOptions,
} from '../../api';

/** @internal */
export interface ForgejoDataState<T> {
  loading: boolean;
  value?: T;
  error?: Error;
  /** Asks again, bypassing the backend's cache. */
  retry: () => void;
  /** Asks again, bypassing the backend's cache, and keeps showing the current data meanwhile (polling). */
  refresh: () => void;
}

/**
 * Loads one card's data for the current entity; `key` re-runs it (for example the page number).
 * Retry asks the backend for fresh data.
 */
export function useForgejoData<T>(
  load: (
    api: ForgejoApi,
    entity: CompoundEntityRef,
    options: ForgejoRequestOptions,
  ) => Promise<T>,
  key: string = '',
): ForgejoDataState<T> {
  const api = useApi(forgejoApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [attempt, setAttempt] = useState({ count: 0, keep: false });
  const [state, setState] = useState<
    Omit<ForgejoDataState<T>, 'retry' | 'refresh'>
  >({
    loading: true,
  });

  useEffect(() => {
    const controller = new AbortController();
    setState(previous =>
      attempt.keep && previous.value
        ? { loading: true, value: previous.value }
        : { loading: true },
    );
    load(api, getCompoundEntityRef(entity), {
      fresh: attempt.count > 0,
      signal: controller.signal,
    }).then(
      value => {
        if (!controller.signal.aborted) setState({ loading: false, value });
      },
      error => {
        if (!controller.signal.aborted) setState({ loading: false, error });
      },
    );
    return () => controller.abort();
    // `load` is a new function on every render; the entity ref, key and attempt say when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef, key, attempt]);

  return {
    ...state,
    retry: () => setAttempt(a => ({ count: a.count + 1, keep: false })),
    refresh: () => setAttempt(a => ({ count: a.count + 1, keep: true })),
  };
}
