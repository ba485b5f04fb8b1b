import {
  getCompoundEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { argocdApiRef, type ArgoCDApi } from '../api/ArgoCDApi';
import { usePolledData } from './usePolledData';

/** Loads one of the current entity's ArgoCD views from our backend, and polls it (see usePolledData). */
export function useEntityPolledData<T>(
  load: (api: ArgoCDApi, entityRef: CompoundEntityRef) => Promise<T>,
) {
  const { entity } = useEntity();
  const api = useApi(argocdApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const key = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  const state = usePolledData(() => load(api, entityRef), [api, key]);
  return { ...state, entityRef };
}
