import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TERRAFORM_MODULE_ANNOTATION,
  TERRAFORM_STATE_ANNOTATION,
  type TerraformDrift,
} from '@edp/plugin-terraform-common';
import {
  findKubernetesCluster,
  type TerraformRunConfig,
} from '@edp/plugin-terraform-node';
import type { Config } from '@backstage/config';
import {
  describe,
  locationOf,
  type EntityStates,
} from '../services/EntityStates';
import { checkDrift, type DriftCheckInput } from './checkDrift';

/** Runs a check: the CLI by default, a fake in tests. */
export type DriftRunner = (
  input: DriftCheckInput,
  signal?: AbortSignal,
) => Promise<TerraformDrift>;

/** The CLI runner with the configured binary, modules and cluster credentials. */
export function cliDriftRunner(
  rootConfig: Config,
  config: TerraformRunConfig,
  logger: LoggerService,
  timeoutMs: number,
): DriftRunner {
  return (input, signal) =>
    checkDrift(input, {
      config,
      cluster: findKubernetesCluster(
        rootConfig,
        input.location.cluster,
        `The cluster of the ${TERRAFORM_STATE_ANNOTATION} annotation`,
      ),
      logger,
      signal: AbortSignal.any([
        AbortSignal.timeout(timeoutMs),
        ...(signal ? [signal] : []),
      ]),
    });
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    async () => {
      while (next < items.length) await fn(items[next++]);
    },
  );
  await Promise.all(workers);
}

/** The drift check of annotated entities: one on demand, or every one in a scheduled round. */
export class DriftChecks {
  constructor(
    private readonly options: {
      states: EntityStates;
      run: DriftRunner;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      concurrency: number;
    },
  ) {}

  /** Checks one entity, records the result beside its state and returns it. */
  async check(entity: Entity, signal?: AbortSignal): Promise<TerraformDrift> {
    const { states, run } = this.options;
    const location = locationOf(entity);
    const store = states.store(location);
    let drift: TerraformDrift;
    try {
      const [stored, record] = await Promise.all([
        store.readState(location),
        store.readRecord(location),
      ]);
      if (!stored) {
        drift = {
          status: 'error',
          checkedAt: new Date().toISOString(),
          message: `No state at ${entity.metadata.annotations?.[TERRAFORM_STATE_ANNOTATION]}: nothing was applied there, or it was destroyed.`,
        };
      } else {
        drift = await run(
          {
            location,
            module: entity.metadata.annotations?.[TERRAFORM_MODULE_ANNOTATION],
            workspace: stored.workspace,
            secretSuffix:
              stored.secretSuffix ??
              location.secretName.slice(`tfstate-${stored.workspace}-`.length),
            variables: record.variables ?? {},
          },
          signal,
        );
      }
    } catch (error) {
      drift = {
        status: 'error',
        checkedAt: new Date().toISOString(),
        message: `The state could not be read: ${describe(error)}`,
      };
    }
    await store.recordDrift(location, drift);
    await states.forget(location);
    return drift;
  }

  /** One scheduled round: every entity with the annotation, `concurrency` at a time. */
  async checkAll(signal?: AbortSignal): Promise<Record<string, number>> {
    const { catalog, auth, logger, concurrency } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${TERRAFORM_STATE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const counts: Record<string, number> = {};
    await eachLimited(items, concurrency, async entity => {
      if (signal?.aborted) return;
      const ref = stringifyEntityRef(entity);
      try {
        const drift = await this.check(entity, signal);
        counts[drift.status] = (counts[drift.status] ?? 0) + 1;
        if (drift.status === 'error')
          logger.warn(`Drift check of ${ref} failed: ${drift.message}`);
        // The catalog shows the result as a status item on its next processing: ask for it now.
        await catalog
          .refreshEntity(ref, {
            credentials: await auth.getOwnServiceCredentials(),
          })
          .catch(() => undefined);
      } catch (error) {
        counts.skipped = (counts.skipped ?? 0) + 1;
        logger.warn(
          `Drift check of ${ref} skipped: ${(error as Error).message}`,
        );
      }
    });
    return counts;
  }
}
