import type { CompoundEntityRef } from '@backstage/catalog-model';
import { POLL_INTERVAL_MS, useEntityApiData } from '@edp/plugin-edp-react';
import { argocdApiRef, type ArgoCDApi } from '../api/ArgoCDApi';

/**
 * Loads one of the current entity's ArgoCD views from our backend, and polls it while the tab is
 * visible (the backend answers from its cache); the previous value stays on screen meanwhile.
 */
export function useEntityPolledData<T>(
  load: (api: ArgoCDApi, entityRef: CompoundEntityRef) => Promise<T>,
) {
  return useEntityApiData(argocdApiRef, (api, ref) => load(api, ref), {
    pollMs: POLL_INTERVAL_MS,
  });
}
