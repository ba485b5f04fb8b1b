import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { InMemoryApplicationStore } from './memoryStore';
import {
  registerApplicationStoreFactory,
  type ApplicationStoreFactoryContext,
} from './store';
import { call, eventually } from './testUtils';

describe('ArgoCD stand-in configuration', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  const start = (argocd: Record<string, unknown>) =>
    startTestSandbox(['argocd'], { services_config: { argocd } } as any);

  it('runs as many instances as configured, each with its own applications and credentials', async () => {
    sandbox = await start({
      instances: {
        one: { seed: 'alpha', tokens: ['t1'] },
        two: {
          seed: [],
          tokens: ['t2'],
          applications: [
            {
              metadata: { name: 'only-here' },
              spec: { project: 'default', destination: {} },
            },
          ],
        },
      },
    });
    const { one, two } = sandbox.endpoints.argocd;
    expect(
      (await call(`${one}/api/v1/applications`, { token: 't1' })).body.items,
    ).toHaveLength(4);
    expect(
      (
        await call(`${two}/api/v1/applications`, { token: 't2' })
      ).body.items.map((a: any) => a.metadata.name),
    ).toEqual(['only-here']);
    expect(
      (await call(`${two}/api/v1/applications`, { token: 't1' })).status,
    ).toBe(401);
  });

  it('names the bad setting when the config is wrong', async () => {
    await expect(
      start({ instances: { alpha: { users: [{ username: 'admin' }] } } }),
    ).rejects.toThrow(
      'argocd.instances.alpha.users[0].password must be a non-empty string',
    );
    await expect(
      start({ instances: { alpha: { seed: 'nope' } } }),
    ).rejects.toThrow(/argocd.instances.alpha.seed names .*nope.yaml/);
    await expect(start({ store: 'postgres' })).rejects.toThrow(
      /store "postgres" is not registered; known stores: (.*, )?memory\b/,
    );
  });

  it('takes its store from a registered factory, and leaves sync to a store that reconciles', async () => {
    const contexts: ApplicationStoreFactoryContext[] = [];
    registerApplicationStoreFactory('test-reconciling', async ctx => {
      contexts.push(ctx);
      const store = new InMemoryApplicationStore(ctx.seed);
      return Object.assign(store, { reconciles: true as const });
    });
    sandbox = await start({
      store: 'test-reconciling',
      syncDurationMs: 10,
      instances: { solo: { seed: 'alpha', tokens: ['t'] } },
    });
    expect(contexts.map(c => [c.instance, c.seed.length])).toEqual([
      ['solo', 4],
    ]);
    const { solo } = sandbox.endpoints.argocd;
    const synced = await call(`${solo}/api/v1/applications/web-shop/sync`, {
      method: 'POST',
      token: 't',
      body: {},
    });
    expect(synced.status).toBe(200);
    // Nobody acts on the operation: it stays requested, as with a real controller that is down.
    await new Promise(r => setTimeout(r, 100));
    const app = (
      await call(`${solo}/api/v1/applications/web-shop`, { token: 't' })
    ).body;
    expect(app.operation.initiatedBy.username).toBe('api-token');
    expect(app.status.operationState.phase).toBe('Succeeded');
    // A refresh waits (bounded) for the reconciler; here it takes the annotation off itself.
    const store = (sandbox.standIns.get('argocd')!.state as any).instances.get(
      'solo',
    ).store as InMemoryApplicationStore;
    const unsubscribe = store.subscribe(c => {
      const a = c.application;
      if (a.metadata.annotations?.['argocd.argoproj.io/refresh']) {
        delete a.metadata.annotations['argocd.argoproj.io/refresh'];
        a.status = { ...a.status, reconciledAt: '2030-01-01T00:00:00Z' };
        setTimeout(() => void store.upsert(a), 50);
      }
    });
    const refreshed = await eventually(
      () =>
        call(`${solo}/api/v1/applications/web-shop?refresh=normal`, {
          token: 't',
        }),
      r => r.status === 200,
    );
    unsubscribe();
    expect(refreshed.body.status.reconciledAt).toBe('2030-01-01T00:00:00Z');
  });
});
