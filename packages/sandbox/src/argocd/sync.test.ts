import type { Sandbox } from '../host/sandbox';
import { argocdSpec, call, eventually, login, startArgoCd } from './testUtils';

describe('ArgoCD stand-in sync, refresh, create and delete', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let token: string;

  beforeAll(async () => {
    sandbox = await startArgoCd({ syncDurationMs: 1200 });
    alpha = sandbox.endpoints.argocd.alpha;
    token = await login(alpha);
  });
  afterAll(() => sandbox.stop());

  const get = async (name: string) =>
    (await call(`${alpha}/api/v1/applications/${name}`, { token })).body;

  it('records a sync operation, runs it, then succeeds with a new history entry', async () => {
    const before = await get('web-shop');
    expect(before.status.sync.status).toBe('OutOfSync');
    const res = await call(`${alpha}/api/v1/applications/web-shop/sync`, {
      method: 'POST',
      token,
      body: { name: 'web-shop', prune: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.operation).toEqual({
      sync: { prune: true },
      initiatedBy: { username: 'admin' },
    });

    const running = await eventually(
      () => get('web-shop'),
      a => a.status.operationState?.phase === 'Running',
    );
    expect(running.status.health.status).toBe('Progressing');
    // A second sync while one runs is refused, as ArgoCD does.
    const again = await call(`${alpha}/api/v1/applications/web-shop/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      code: 9,
      message: 'another operation is already in progress',
    });
    // Validated after the checks that need the Running phase: compiling the schema takes a while the first time.
    expect(
      argocdSpec.validateResponse({
        method: 'post',
        path: '/api/v1/applications/{name}/sync',
        status: 200,
        body: res.body,
      }),
    ).toEqual([]);

    const done = await eventually(
      () => get('web-shop'),
      a => a.status.operationState?.phase === 'Succeeded' && !a.operation,
    );
    expect(done.status.sync.status).toBe('Synced');
    expect(done.status.health.status).toBe('Healthy');
    expect(done.status.history).toHaveLength(before.status.history.length + 1);
    const newest = done.status.history[done.status.history.length - 1];
    expect(newest).toMatchObject({
      id: before.status.history.length,
      revision: done.status.sync.revision,
      initiatedBy: { username: 'admin' },
    });
    expect(done.status.operationState.syncResult.revision).toBe(
      newest.revision,
    );
    // The revision the sync deployed has metadata, like every history revision.
    const md = await call(
      `${alpha}/api/v1/applications/web-shop/revisions/${newest.revision}/metadata`,
      { token },
    );
    expect(md.body.message).toBe(
      'Update storefront banner for the winter sale',
    );
    expect(
      argocdSpec.validateResponse({
        method: 'get',
        path: '/api/v1/applications/{name}',
        status: 200,
        body: done,
      }),
    ).toEqual([]);
  });

  it('keeps a Suspended application suspended, and fails a sync to a revision that does not exist', async () => {
    await call(`${alpha}/api/v1/applications/checkout-worker/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    const suspended = await eventually(
      () => get('checkout-worker'),
      a => a.status.operationState?.phase === 'Succeeded' && !a.operation,
    );
    expect(suspended.status.health.status).toBe('Suspended');

    await call(`${alpha}/api/v1/applications/inventory/sync`, {
      method: 'POST',
      token,
      body: { revision: 'no-such-branch' },
    });
    const failed = await eventually(
      () => get('inventory'),
      a => a.status.operationState?.phase === 'Error',
    );
    expect(failed.status.operationState.message).toContain(
      "unable to resolve 'no-such-branch'",
    );
    expect(failed.status.health.status).toBe('Healthy');
  });

  it('cuts history to revisionHistoryLimit', async () => {
    const app = await get('payments-api-dev');
    await call(`${alpha}/api/v1/applications?upsert=true`, {
      method: 'POST',
      token,
      body: {
        metadata: app.metadata,
        spec: { ...app.spec, revisionHistoryLimit: 3 },
      },
    });
    await call(`${alpha}/api/v1/applications/payments-api-dev/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    const done = await eventually(
      () => get('payments-api-dev'),
      a =>
        a.status.operationState?.phase === 'Succeeded' &&
        !a.operation &&
        a.status.history.length === 3,
    );
    expect(done.status.history.map((h: any) => h.id)).toEqual([5, 6, 7]);
  });

  it('refreshes on ?refresh=normal|hard, and refuses other refresh values', async () => {
    const before = await get('checkout-worker');
    const refreshed = await call(
      `${alpha}/api/v1/applications/checkout-worker?refresh=hard`,
      { token },
    );
    expect(refreshed.status).toBe(200);
    expect(
      refreshed.body.metadata.annotations?.['argocd.argoproj.io/refresh'],
    ).toBeUndefined();
    expect(
      Date.parse(refreshed.body.status.reconciledAt),
    ).toBeGreaterThanOrEqual(Date.parse(before.status.reconciledAt));
    const bad = await call(
      `${alpha}/api/v1/applications/checkout-worker?refresh=soft`,
      { token },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('normal or hard');
  });

  it('creates (upsert only when asked) and deletes applications', async () => {
    const body = {
      metadata: {
        name: 'created-app',
        labels: { 'app.kubernetes.io/part-of': 'new' },
      },
      spec: {
        project: 'default',
        source: {
          repoURL: 'http://127.0.0.1:7101/platform/web-shop.git',
          path: 'deploy/dev',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'created',
        },
      },
    };
    const created = await call(`${alpha}/api/v1/applications`, {
      method: 'POST',
      token,
      body,
    });
    expect(created.status).toBe(200);
    expect(
      argocdSpec.validateResponse({
        method: 'post',
        path: '/api/v1/applications',
        status: 200,
        body: created.body,
      }),
    ).toEqual([]);
    expect(
      (
        await call(`${alpha}/api/v1/applications`, {
          method: 'POST',
          token,
          body,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(`${alpha}/api/v1/applications?upsert=true`, {
          method: 'POST',
          token,
          body,
        })
      ).status,
    ).toBe(200);
    const deleted = await call(`${alpha}/api/v1/applications/created-app`, {
      method: 'DELETE',
      token,
    });
    expect(deleted.status).toBe(200);
    expect(
      (await call(`${alpha}/api/v1/applications/created-app`, { token }))
        .status,
    ).toBe(404);
  });

  it('streams the current applications, then their changes, one JSON object per line', async () => {
    const controller = new AbortController();
    const res = await fetch(
      `${alpha}/api/v1/stream/applications?name=web-shop&fields=result.type,result.application.metadata.name,result.application.status.operationState.phase`,
      {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const events: any[] = [];
    let buffer = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const { value } = await reader.read();
        buffer += Buffer.from(value!).toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        events.push(...lines.filter(Boolean).map(l => JSON.parse(l)));
      }
    };
    await readUntil(() => events.length >= 1);
    expect(events[0]).toEqual({
      result: {
        type: 'ADDED',
        application: {
          metadata: { name: 'web-shop' },
          status: { operationState: { phase: 'Succeeded' } },
        },
      },
    });
    await call(`${alpha}/api/v1/applications/web-shop/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    await readUntil(() =>
      events.some(
        e => e.result.application.status?.operationState?.phase === 'Running',
      ),
    );
    await readUntil(
      () =>
        events.slice(-1)[0].result.application.status?.operationState?.phase ===
        'Succeeded',
    );
    expect(
      events.every(e => e.result.application.metadata.name === 'web-shop'),
    ).toBe(true);
    expect(events.slice(1).every(e => e.result.type === 'MODIFIED')).toBe(true);
    for (const e of events) {
      expect(
        argocdSpec.validateResponse({
          method: 'get',
          path: '/api/v1/stream/applications',
          status: 200,
          body: e,
        }),
      ).toEqual([]);
    }
    controller.abort();
  });
});
