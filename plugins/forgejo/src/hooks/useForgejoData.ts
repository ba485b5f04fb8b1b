import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useEntityApiData } from '@edp/plugin-edp-react';
import {
  forgejoApiRef,
  type ForgejoApi,
  type ForgejoRequestOptions,
} from '../api';

/**
 * Loads one card's data for the current entity (see useEntityApiData); `key` re-runs it (for
 * example the page number). Retry and refresh ask the backend for fresh data. Not polled: the
 * Forgejo cards ask again only when the reader does.
 */
export function useForgejoData<T>(
  load: (
    api: ForgejoApi,
    entity: CompoundEntityRef,
    options: ForgejoRequestOptions,
  ) => Promise<T>,
  key: string = '',
) {
  return useEntityApiData(forgejoApiRef, load, { key });
}
