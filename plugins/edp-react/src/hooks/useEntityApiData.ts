import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi, type ApiRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePolledData, type LoadOptions } from './usePolledData';

/**
 * Loads one view of the current entity through a plugin's API (see usePolledData); `key` names
 * anything else the view depends on (a page number), `pollMs` asks again while the tab is visible.
 * Also returns the API and the entity ref, for the card's actions.
 * @public
 */
export function useEntityApiData<Api, T>(
  apiRef: ApiRef<Api>,
  load: (
    api: Api,
    entityRef: CompoundEntityRef,
    options: LoadOptions,
  ) => Promise<T>,
  options: { key?: string; pollMs?: number } = {},
) {
  const { entity } = useEntity();
  const api = useApi(apiRef);
  const entityRef = getCompoundEntityRef(entity);
  const state = usePolledData(
    loadOptions => load(api, entityRef, loadOptions),
    [api, stringifyEntityRef(entity), options.key],
    { pollMs: options.pollMs },
  );
  return { ...state, api, entityRef };
}
