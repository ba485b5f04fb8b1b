import { POLL_INTERVAL_MS, useEntityApiData } from '@edp/plugin-edp-react';
import { terraformApiRef } from '../api';

/**
 * Loads the current entity's Terraform view from our backend, and polls it while the tab is
 * visible (the backend answers from its cache); the previous value stays on screen meanwhile.
 */
export function useEntityState() {
  return useEntityApiData(terraformApiRef, (api, ref) => api.getState(ref), {
    pollMs: POLL_INTERVAL_MS,
  });
}
