import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ApprovalUsedError, DatabaseApprovalLedger } from './approvals';

describe('DatabaseApprovalLedger', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lets one of two tasks racing with the same approval through, per state', async () => {
    const knex = await databases.init('SQLITE_3');
    // Two replicas: two ledgers on one database.
    const [a, b] = [1, 2].map(
      () => new DatabaseApprovalLedger(mockServices.database({ knex })),
    );
    const results = await Promise.allSettled([
      a.consume('kubernetes:c/ns/tfstate-default-x', 'abcdef0123456789', 't1'),
      b.consume('kubernetes:c/ns/tfstate-default-x', 'abcdef0123456789', 't2'),
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
      a.consume('kubernetes:c/ns/tfstate-default-y', 'abcdef0123456789', 't3'),
    ).resolves.toBeUndefined();
  });
});
