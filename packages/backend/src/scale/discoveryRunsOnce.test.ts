import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { ForgejoEntityProvider } from '@edp/plugin-catalog-backend-module-forgejo';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import {
  forgejoIntegrationOf,
  startTestSandbox,
  type Sandbox,
} from '@edp/sandbox';
import type { Knex } from 'knex';
import { localPostgres } from './localPostgres';

/*
 * Two backend replicas on one PostgreSQL run Forgejo catalog discovery once per period, not once
 * each: the provider schedules its scan through the scheduler service, whose global tasks are
 * claimed through a lock in the shared database. PostgreSQL comes from
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING, or is started here from Debian's
 * `postgresql` when it is installed; without either the suite is skipped.
 */
jest.setTimeout(120_000);

const postgres = localPostgres();
const databases = TestDatabases.create({
  ids: ['POSTGRES_18', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
  disableDocker: true,
});
const ids = databases.eachSupportedId();

/** What the scheduler needs besides the database: no-op metrics, recorded shutdown hooks. */
function replica(knex: Knex, shutdownHooks: Array<() => unknown>) {
  const noop = { add() {}, record() {}, addCallback() {}, removeCallback() {} };
  const rootLifecycle = mockServices.rootLifecycle.mock({
    addShutdownHook: (hook: any) => {
      shutdownHooks.push(typeof hook === 'function' ? hook : hook.fn);
    },
  } as any);
  return DefaultSchedulerService.create({
    database: mockServices.database({ knex }),
    logger: mockServices.logger.mock(),
    metrics: new Proxy({}, { get: () => () => noop }) as any,
    rootLifecycle,
    httpRouter: mockServices.httpRouter.mock(),
    pluginMetadata: { getId: () => 'catalog' },
  });
}

(ids.length ? describe.each(ids) : describe.skip.each([['POSTGRES']]))(
  'two replicas on %s',
  id => {
    let sandbox: Sandbox;
    const shutdownHooks: Array<() => unknown> = [];

    beforeAll(async () => {
      await postgres.ready();
      sandbox = await startTestSandbox(['forgejo']);
    });
    afterAll(async () => {
      try {
        await Promise.all(shutdownHooks.map(fn => fn()));
        await sandbox?.stop();
      } finally {
        await postgres.stop();
      }
    });

    it('scan the Forgejo organisations once per discovery period, not once per replica', async () => {
      const knex = await databases.init(id as TestDatabaseId);
      const config = new ConfigReader({
        integrations: { gitea: [forgejoIntegrationOf(sandbox)] },
        catalog: {
          providers: {
            forgejo: {
              demo: {
                host: new URL(sandbox.endpoints.forgejo.api).host,
                organizations: ['platform', 'labs'],
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        },
      });
      const client = ForgejoClient.fromConfig(config);
      const mutations = jest.fn(async () => {});
      const connection: EntityProviderConnection = {
        applyMutation: mutations,
        refresh: async () => {},
      };
      for (let i = 0; i < 2; i++) {
        const scheduler = replica(knex, shutdownHooks);
        const [provider] = ForgejoEntityProvider.fromConfig(config, {
          client,
          logger: mockServices.logger.mock(),
          scheduler,
        });
        await provider.connect(connection);
      }

      const deadline = Date.now() + 30_000;
      while (!mutations.mock.calls.length && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 200));
      }
      // Give the other replica every chance to run it too.
      await new Promise(r => setTimeout(r, 5000));

      expect(mutations).toHaveBeenCalledTimes(1);
      const byRoute = (
        sandbox.standIns.get('forgejo')!.state as any
      ).counter.snapshot().byRoute as Record<string, number>;
      expect(byRoute['GET /api/v1/orgs/platform/repos']).toBe(1);
      expect(byRoute['GET /api/v1/orgs/labs/repos']).toBe(1);
    });
  },
);
