import type { Config } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  formatStateLocation,
  parseStateLocation,
  TERRAFORM_STATE_ANNOTATION,
  type TerraformStateLocation,
} from '@edp/plugin-terraform-common';
import {
  findKubernetesCluster,
  KubernetesStateStore,
  type StateRecord,
  type StoredState,
} from '@edp/plugin-terraform-node';
import type { UpstreamCache } from '@edp/plugin-edp-cache-node';

/** What one card view needs from the cluster: the state (if any) and the portal's record. */
export interface StateSnapshot {
  stored?: StoredState;
  record: StateRecord;
}

/** Makes the store of one configured cluster; tests pass their own. */
export type StoreFactory = (cluster: string) => KubernetesStateStore;

/** Stores for the clusters of kubernetes.clusterLocatorMethods, made once each. */
export function configuredStores(config: Config): StoreFactory {
  const stores = new Map<string, KubernetesStateStore>();
  return cluster => {
    let store = stores.get(cluster);
    if (!store) {
      store = new KubernetesStateStore(
        findKubernetesCluster(
          config,
          cluster,
          `The cluster of the ${TERRAFORM_STATE_ANNOTATION} annotation`,
        ),
      );
      stores.set(cluster, store);
    }
    return store;
  };
}

/** The state location an entity names, or a 400 saying what the annotation must look like. */
export function locationOf(entity: Entity): TerraformStateLocation {
  const value = entity.metadata.annotations?.[TERRAFORM_STATE_ANNOTATION];
  const location = parseStateLocation(value);
  if (!location) {
    throw new InputError(
      `The ${TERRAFORM_STATE_ANNOTATION} annotation "${
        value ?? ''
      }" is not a state of the portal's kubernetes backend; expected kubernetes:<cluster>/<namespace>/tfstate-<workspace>-<suffix>, as edp:terraform:run reports it in its stateLocation output.`,
    );
  }
  return location;
}

/**
 * Reads states and their records with the backend's cluster credentials, through the shared cache:
 * polling cards and several viewers of one Resource cost one pair of reads per cache period.
 */
export class EntityStates {
  constructor(
    private readonly stores: StoreFactory,
    private readonly cache: UpstreamCache,
  ) {}

  store(location: TerraformStateLocation): KubernetesStateStore {
    return this.stores(location.cluster);
  }

  async read(
    location: TerraformStateLocation,
  ): Promise<{ snapshot: StateSnapshot; fetchedAt: number }> {
    const store = this.store(location);
    const key = formatStateLocation(location);
    const { outcome, fetchedAt } = await this.cache.get<StateSnapshot>(
      key,
      async () => {
        try {
          const [stored, record] = await Promise.all([
            store.readState(location),
            store.readRecord(location),
          ]);
          return { ...(stored ? { stored } : {}), record };
        } catch (error) {
          throw new ServiceUnavailableError(
            `The Kubernetes cluster "${
              location.cluster
            }" that keeps this state did not answer: ${describe(error)}`,
          );
        }
      },
      { group: key },
    );
    if (!outcome.ok) throw outcome.error;
    return { snapshot: outcome.value, fetchedAt };
  }

  /** After a drift check: the next card view reads the new result. */
  forget(location: TerraformStateLocation): Promise<void> {
    return this.cache.invalidateGroup(formatStateLocation(location));
  }
}

/** A client-node failure in one line, without headers (they could carry the token). */
export function describe(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  if (typeof e?.code === 'number') {
    const body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body);
    let message = '';
    try {
      message = JSON.parse(body ?? '{}').message ?? '';
    } catch {
      message = '';
    }
    return `HTTP ${e.code}${message ? `: ${message}` : ''}`;
  }
  return e?.message ?? String(error);
}
