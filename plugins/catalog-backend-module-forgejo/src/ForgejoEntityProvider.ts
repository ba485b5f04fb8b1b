import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  locationSpecToLocationEntity,
  type EntityProvider,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { ForgejoClient } from '@edp/plugin-forgejo-node';
import {
  readProviderConfigs,
  type ForgejoDiscoveryConfig,
} from './providerConfig';
import { scanOrganization, type OrganizationScan } from './scanOrganization';

/** The outcome of one refresh, also logged. */
export interface ForgejoRefreshResult {
  /** False when nothing was handed to the catalog (see `failed`). */
  applied: boolean;
  locations: string[];
  scans: OrganizationScan[];
  /** Organisations that could not be read this time, with the reason. */
  failed: {
    organization: string;
    error: string;
    reusedPreviousResult: boolean;
  }[];
}

/**
 * Discovers catalog files in the organisations of one `catalog.providers.forgejo.<id>` entry and
 * keeps the catalog's Location entities in step with them (a full mutation per refresh).
 *
 * An organisation that cannot be read (timeout, 5xx, 429, garbage) must not make its entities
 * vanish: the last result read in this process is reused for it, and when there is none the
 * refresh hands nothing to the catalog, leaving it as it was.
 * @public
 */
export class ForgejoEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly lastGood = new Map<string, OrganizationScan>();

  static fromConfig(
    config: Config,
    options: {
      client: ForgejoClient;
      logger: LoggerService;
      scheduler: SchedulerService;
    },
  ): ForgejoEntityProvider[] {
    return readProviderConfigs(config, options.client.hosts.list()).map(
      discovery =>
        new ForgejoEntityProvider(
          discovery,
          options.client,
          options.logger,
          options.scheduler.createScheduledTaskRunner(discovery.schedule),
        ),
    );
  }

  constructor(
    private readonly config: ForgejoDiscoveryConfig,
    private readonly client: ForgejoClient,
    private readonly logger: LoggerService,
    private readonly taskRunner?: SchedulerServiceTaskRunner,
  ) {}

  getProviderName(): string {
    return `ForgejoEntityProvider:${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  async refresh(signal?: AbortSignal): Promise<ForgejoRefreshResult> {
    if (!this.connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const { host, organizations } = this.config;
    const settled = await Promise.allSettled(
      organizations.map(org =>
        scanOrganization(this.client, this.config, org, signal),
      ),
    );

    const result: ForgejoRefreshResult = {
      applied: false,
      locations: [],
      scans: [],
      failed: [],
    };
    settled.forEach((outcome, i) => {
      const organization = organizations[i];
      if (outcome.status === 'fulfilled') {
        this.lastGood.set(organization, outcome.value);
        result.scans.push(outcome.value);
        return;
      }
      const previous = this.lastGood.get(organization);
      if (previous) result.scans.push(previous);
      result.failed.push({
        organization,
        error: String((outcome.reason as Error)?.message ?? outcome.reason),
        reusedPreviousResult: !!previous,
      });
    });

    for (const failure of result.failed) {
      this.logger.warn(
        `Forgejo discovery ${this.config.id}: could not scan organisation ${
          failure.organization
        } on ${host}: ${failure.error} ${
          failure.reusedPreviousResult
            ? 'Keeping its previous result.'
            : 'No earlier result to fall back on.'
        }`,
      );
    }
    if (result.failed.some(f => !f.reusedPreviousResult)) {
      this.logger.warn(
        `Forgejo discovery ${this.config.id}: catalog left unchanged this round; the next scheduled run tries again.`,
      );
      return result;
    }

    result.locations = [
      ...new Set(result.scans.flatMap(s => s.targets)),
    ].sort();
    await this.connection.applyMutation({
      type: 'full',
      entities: result.locations.map(target => ({
        locationKey: `forgejo-provider:${this.config.id}`,
        entity: locationSpecToLocationEntity({
          location: { type: 'url', target, presence: 'optional' },
        }),
      })),
    });
    result.applied = true;
    const skipped = (k: keyof OrganizationScan['skipped']) =>
      result.scans.reduce((n, s) => n + s.skipped[k], 0);
    this.logger.info(
      `Forgejo discovery ${this.config.id}: ${
        result.locations.length
      } catalog files in ${result.scans.reduce(
        (n, s) => n + s.repositories,
        0,
      )} repositories of ${organizations.join(
        ', ',
      )} on ${host} (skipped: ${skipped('archived')} archived, ${skipped(
        'empty',
      )} empty, ${skipped(
        'notMatchingPattern',
      )} not matching repositoryPattern, ${skipped(
        'withoutCatalogFile',
      )} without ${this.config.catalogPath})`,
    );
    return result;
  }
}
