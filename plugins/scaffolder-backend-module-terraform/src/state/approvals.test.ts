import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
// Debian's PostgreSQL as a throw-away cluster, started the way `./edp start --scale` starts it.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { localPostgres } from '../../../../packages/backend/src/scale/localPostgres';
import { ApprovalUsedError, DatabaseApprovalLedger } from './approvals';

jest.setTimeout(60_000);

// The race is the scale mode's (two replicas, one PostgreSQL); SQLite serialises every write.
const postgres = localPostgres();
const databases = TestDatabases.create({
  ids: ['POSTGRES_18', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});
beforeAll(() => postgres.ready());
afterAll(() => postgres.stop());

describe.each(databases.eachSupportedId())(
  'DatabaseApprovalLedger on %s',
  id => {
    it('lets one of two tasks racing with the same approval through, per state', async () => {
      const knex = await databases.init(id);
      // Two replicas: two ledgers on one database.
      const [a, b] = [1, 2].map(
        () => new DatabaseApprovalLedger(mockServices.database({ knex })),
      );
      const results = await Promise.allSettled([
        a.consume(
          'kubernetes:c/ns/tfstate-default-x',
          'abcdef0123456789',
          't1',
        ),
        b.consume(
          'kubernetes:c/ns/tfstate-default-x',
          'abcdef0123456789',
          't2',
        ),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(rejected.reason).toBeInstanceOf(ApprovalUsedError);

      // The task that used it may retry (recovery); another state may use the same digest once.
      const winner = results[0].status === 'fulfilled' ? 't1' : 't2';
      await expect(
        a.consume(
          'kubernetes:c/ns/tfstate-default-x',
          'abcdef0123456789',
          winner,
        ),
      ).resolves.toBeUndefined();
      await expect(
        a.consume(
          'kubernetes:c/ns/tfstate-default-y',
          'abcdef0123456789',
          't3',
        ),
      ).resolves.toBeUndefined();
    });
  },
);
