import type {
  DatabaseService,
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
import { DatabaseScanMemory } from './DatabaseScanMemory';
import {
  InProcessScanMemory,
  type RememberedOrganization,
  type ScanMemory,
} from './scanMemory';

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
 * Each organisation's last good scan is kept in a ScanMemory (the catalog's database when the
 * module runs in a backend, shared by its replicas): a rescan looks up the catalog file only in
 * repositories that changed since (see scanOrganization).
 *
 * An organisation that cannot be read (timeout, 5xx, 429, garbage) must not make its entities
 * vanish: its last good scan is reused, and when there is none the refresh hands nothing to the
 * catalog, leaving it as it was.
 * @public
 */
export class ForgejoEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly memory: ScanMemory;
  private readonly taskRunner?: SchedulerServiceTaskRunner;

  static fromConfig(
    config: Config,
    options: {
      client: ForgejoClient;
      logger: LoggerService;
      scheduler: SchedulerService;
      /** Where scans are remembered; without it, in this process only. */
      database?: DatabaseService;
    },
  ): ForgejoEntityProvider[] {
    const discoveries = readProviderConfigs(
      config,
      options.client.hosts.list(),
    );
    const memory = options.database
      ? new DatabaseScanMemory(options.database)
      : new InProcessScanMemory();
    return discoveries.map(
      discovery =>
        new ForgejoEntityProvider(discovery, options.client, options.logger, {
          taskRunner: options.scheduler.createScheduledTaskRunner(
            discovery.schedule,
          ),
          memory,
        }),
    );
  }

  constructor(
    private readonly config: ForgejoDiscoveryConfig,
    private readonly client: ForgejoClient,
    private readonly logger: LoggerService,
    options: {
      taskRunner?: SchedulerServiceTaskRunner;
      memory?: ScanMemory;
    } = {},
  ) {
    this.taskRunner = options.taskRunner;
    this.memory = options.memory ?? new InProcessScanMemory();
  }

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
    const previous = await Promise.all(
      organizations.map(org => this.recall(org)),
    );
    const settled = await Promise.allSettled(
      organizations.map((org, i) =>
        scanOrganization(this.client, this.config, org, {
          signal,
          previous: previous[i],
        }),
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
        result.scans.push(outcome.value.scan);
        return;
      }
      const last = previous[i]?.scan;
      if (last) result.scans.push({ ...last, checked: 0 });
      result.failed.push({
        organization,
        error: String((outcome.reason as Error)?.message ?? outcome.reason),
        reusedPreviousResult: !!last,
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
    // Remembered only once the catalog has the result: a scan the catalog never saw is no base
    // for the next one.
    await Promise.all(
      settled.map((outcome, i) =>
        outcome.status === 'fulfilled'
          ? this.remember(organizations[i], previous[i], outcome.value)
          : undefined,
      ),
    );
    const skipped = (k: keyof OrganizationScan['skipped']) =>
      result.scans.reduce((n, s) => n + s.skipped[k], 0);
    this.logger.info(
      `Forgejo discovery ${this.config.id}: ${
        result.locations.length
      } catalog files in ${result.scans.reduce(
        (n, s) => n + s.repositories,
        0,
      )} repositories (${result.scans.reduce(
        (n, s) => n + s.checked,
        0,
      )} new or changed since the last scan) of ${organizations.join(
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

  /** The organisation's last good scan; a memory that cannot be read means a full scan. */
  private async recall(
    organization: string,
  ): Promise<RememberedOrganization | undefined> {
    try {
      return await this.memory.load(this.config.id, organization);
    } catch (e) {
      this.logger.warn(
        `Forgejo discovery ${this.config.id}: could not read the last scan of ${organization} (${e}); scanning it in full.`,
      );
      return undefined;
    }
  }

  private async remember(
    organization: string,
    before: RememberedOrganization | undefined,
    after: RememberedOrganization,
  ): Promise<void> {
    if (before && JSON.stringify(before) === JSON.stringify(after)) return;
    try {
      await this.memory.save(this.config.id, organization, after);
    } catch (e) {
      this.logger.warn(
        `Forgejo discovery ${this.config.id}: could not store the scan of ${organization} (${e}); the next scan compares with the one before.`,
      );
    }
  }
}
