import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { terraformApiRef } from '../api/TerraformApi';
import { usePolledData } from './usePolledData';

/** Loads the current entity's Terraform view from our backend, and polls it (see usePolledData). */
export function useEntityState() {
  const { entity } = useEntity();
  const api = useApi(terraformApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const key = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  const state = usePolledData(() => api.getState(entityRef), [api, key]);
  return { ...state, api, entityRef };
}
