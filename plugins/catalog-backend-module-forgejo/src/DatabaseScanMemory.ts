import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { RememberedOrganization, ScanMemory } from './scanMemory';

const TABLE = 'forgejo_discovery_scans';

/** The catalog's knex client, typed without a direct dependency on knex. */
type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;
type MigrationSource = NonNullable<
  NonNullable<Parameters<Knex['migrate']['latest']>[0]>['migrationSource']
>;

/**
 * Migrations kept in code (one table), under their own migrations table so they never mix with the
 * catalog's own, as Backstage's incremental ingestion module does in the same database.
 */
const migrations: MigrationSource = {
  async getMigrations() {
    return ['20261206_forgejo_discovery_scans'];
  },
  getMigrationName: (name: string) => name,
  async getMigration() {
    return {
      async up(knex: Knex) {
        await knex.schema.createTable(TABLE, table => {
          table.comment(
            'The last good scan of each organisation of each Forgejo discovery provider',
          );
          table.string('provider_id', 255).notNullable();
          table.string('organization', 255).notNullable();
          table.text('state', 'longtext').notNullable();
          table.timestamp('saved_at').notNullable().defaultTo(knex.fn.now());
          table.primary(['provider_id', 'organization']);
        });
      },
      async down(knex: Knex) {
        await knex.schema.dropTable(TABLE);
      },
    };
  },
};

/**
 * The providers' scan memory in the catalog's database (coreServices.database of this module).
 *
 * Why the database: the catalog already requires one database shared by all its replicas, so a
 * scan that ran on replica A is known to replica B when the scheduler hands it the next refresh,
 * and survives restarts and deployments. The cache service would only be shared when it is backed
 * by Redis or Memcache (the default memory store is per process) and may evict the entry at any
 * time, turning the next scan into a full one; the catalog's own entities cannot be read back by a
 * provider and hold nothing for the many repositories without a catalog file.
 */
export class DatabaseScanMemory implements ScanMemory {
  private ready?: Promise<Knex>;

  constructor(private readonly database: DatabaseService) {}

  /** Connects and migrates on first use (the first refresh), not while the backend starts. */
  private client(): Promise<Knex> {
    this.ready ??= (async () => {
      const knex = await this.database.getClient();
      if (!this.database.migrations?.skip) {
        await knex.migrate.latest({
          migrationSource: migrations,
          tableName: 'forgejo_discovery__knex_migrations',
        });
      }
      return knex;
    })().catch(e => {
      this.ready = undefined; // try again at the next refresh
      throw e;
    });
    return this.ready;
  }

  async load(
    providerId: string,
    organization: string,
  ): Promise<RememberedOrganization | undefined> {
    const knex = await this.client();
    const row = await knex(TABLE)
      .where({ provider_id: providerId, organization })
      .first('state');
    return row ? (JSON.parse(row.state) as RememberedOrganization) : undefined;
  }

  async save(
    providerId: string,
    organization: string,
    memory: RememberedOrganization,
  ): Promise<void> {
    const knex = await this.client();
    await knex(TABLE)
      .insert({
        provider_id: providerId,
        organization,
        state: JSON.stringify(memory),
        saved_at: knex.fn.now(),
      })
      .onConflict(['provider_id', 'organization'])
      .merge(['state', 'saved_at']);
  }
}
