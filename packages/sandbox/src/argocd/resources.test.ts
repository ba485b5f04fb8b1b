import fs from 'node:fs';
import type { Sandbox } from '../host/sandbox';
import { specPath } from '../spec/specsDir';
import { loadSwaggerValidator } from '../spec/swaggerValidator';
import {
  argocdSpec,
  BETA_TOKEN,
  call,
  eventually,
  login,
  startArgoCd,
} from './testUtils';

const openSpec = loadSwaggerValidator(specPath('argocd-swagger.json'), {
  rejectUnknownProperties: false,
});

function expectValid(method: string, path: string, body: unknown) {
  expect(
    argocdSpec.validateResponse({ method, path, status: 200, body }),
  ).toEqual([]);
}

describe('ArgoCD stand-in resource views and rollback', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let beta: string;
  let token: string;

  beforeAll(async () => {
    sandbox = await startArgoCd({ syncDurationMs: 100 });
    ({ alpha, beta } = sandbox.endpoints.argocd);
    token = await login(alpha);
  });
  afterAll(() => sandbox.stop());

  it('shows the unhealthy Deployment of beta/inventory, its pod and its warning events', async () => {
    const tree = await call(
      `${beta}/api/v1/applications/inventory/resource-tree`,
      { token: BETA_TOKEN },
    );
    expect(tree.status).toBe(200);
    const deployment = tree.body.nodes.find(
      (n: any) => n.kind === 'Deployment',
    );
    expect(deployment).toMatchObject({
      group: 'apps',
      namespace: 'inventory',
      name: 'inventory',
      health: {
        status: 'Degraded',
        message: 'Deployment "inventory" exceeded its progress deadline',
      },
    });
    const pod = tree.body.nodes.find((n: any) => n.kind === 'Pod');
    expect(pod.health.status).toBe('Degraded');
    const rs = tree.body.nodes.find((n: any) => n.kind === 'ReplicaSet');
    expect(pod.parentRefs[0].uid).toBe(rs.uid);
    expect(rs.parentRefs[0].uid).toBe(deployment.uid);
    // v1alpha1ResourceNode extends ResourceRef with allOf, which the closed validator cannot
    // combine: validate openly, and check the property names against both definitions here.
    expect(
      openSpec.validateResponse({
        method: 'get',
        path: '/api/v1/applications/{applicationName}/resource-tree',
        status: 200,
        body: tree.body,
      }),
    ).toEqual([]);
    const definitions = JSON.parse(
      fs.readFileSync(specPath('argocd-swagger.json'), 'utf8'),
    ).definitions;
    const known = new Set([
      ...Object.keys(definitions.v1alpha1ResourceNode.properties),
      ...Object.keys(definitions.v1alpha1ResourceRef.properties),
    ]);
    for (const node of tree.body.nodes)
      expect(Object.keys(node).filter(k => !known.has(k))).toEqual([]);

    const events = await call(`${beta}/api/v1/applications/inventory/events`, {
      token: BETA_TOKEN,
    });
    expect(events.body.items.map((e: any) => e.reason)).toEqual([
      'ProgressDeadlineExceeded',
      'OperationCompleted',
    ]);
    expect(events.body.items[0]).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Deployment', name: 'inventory' },
    });
    expectValid('get', '/api/v1/applications/{name}/events', events.body);
  });

  it('reports desired and live state of the drifted web-shop, filtered like ArgoCD', async () => {
    const res = await call(
      `${alpha}/api/v1/applications/web-shop/managed-resources?kind=Deployment`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [diff] = res.body.items;
    expect(diff).toMatchObject({ kind: 'Deployment', modified: true });
    const desired = JSON.parse(diff.targetState);
    const live = JSON.parse(diff.liveState);
    expect(desired.spec.replicas).toBe(3);
    expect(live.spec.replicas).toBe(1);
    expect(live.spec.template.spec.containers[0].image).toBe(
      'registry.sandbox.local/web-shop:2.5.3',
    );
    expectValid(
      'get',
      '/api/v1/applications/{applicationName}/managed-resources',
      res.body,
    );
  });

  it('reports a missing live object as null and leaves it out of the tree', async () => {
    const res = await call(
      `${beta}/api/v1/applications/shop-analytics/managed-resources?kind=Deployment`,
      { token: BETA_TOKEN },
    );
    expect(res.body.items[0].liveState).toBe('null');
    const tree = await call(
      `${beta}/api/v1/applications/shop-analytics/resource-tree`,
      { token: BETA_TOKEN },
    );
    expect(tree.body.nodes.map((n: any) => n.kind)).toEqual(['Service']);
  });

  it('refuses a rollback while automated sync is on, and after a merge patch turns it off, rolls back', async () => {
    const url = `${alpha}/api/v1/applications/payments-api-dev`;
    const refused = await call(`${url}/rollback`, {
      method: 'POST',
      token,
      body: { id: 4 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'rollback cannot be initiated when auto-sync is enabled',
    );

    const patched = await call(url, {
      method: 'PATCH',
      token,
      body: {
        name: 'payments-api-dev',
        patchType: 'merge',
        patch: JSON.stringify({ spec: { syncPolicy: { automated: null } } }),
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.spec.syncPolicy).toEqual({
      syncOptions: ['CreateNamespace=true'],
    });
    expect(patched.body.metadata.labels['app.kubernetes.io/part-of']).toBe(
      'payments',
    );
    expectValid('patch', '/api/v1/applications/{name}', patched.body);

    const before = (await call(url, { token })).body;
    const target = before.status.history.find((h: any) => h.id === 4);
    const started = await call(`${url}/rollback`, {
      method: 'POST',
      token,
      body: { id: 4, name: 'payments-api-dev' },
    });
    expect(started.status).toBe(200);
    expect(started.body.operation.sync.revision).toBe(target.revision);
    expectValid('post', '/api/v1/applications/{name}/rollback', started.body);

    const done = await eventually(
      async () => (await call(url, { token })).body,
      a => a.status.operationState?.phase === 'Succeeded' && !a.operation,
    );
    const newest = done.status.history[done.status.history.length - 1];
    expect(newest).toMatchObject({
      revision: target.revision,
      initiatedBy: { username: 'admin' },
    });
    expect(done.status.sync.revision).toBe(target.revision);
  });

  it('names a history id that does not exist, and refuses read-only accounts', async () => {
    const missing = await call(
      `${alpha}/api/v1/applications/web-shop/rollback`,
      { method: 'POST', token, body: { id: 99 } },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe(
      'application web-shop does not have deployment with id 99',
    );
    const viewer = await login(alpha, {
      username: 'viewer',
      password: 'sandbox-argocd-viewer-password',
    });
    const denied = await call(
      `${alpha}/api/v1/applications/web-shop/rollback`,
      { method: 'PUT', token: viewer, body: { id: 1 } },
    );
    expect(denied.status).toBe(403);
  });

  it('puts git state back once a drifted app is synced', async () => {
    const url = `${alpha}/api/v1/applications/web-shop`;
    await call(`${url}/sync`, { method: 'POST', token, body: {} });
    await eventually(
      async () => (await call(url, { token })).body,
      a => a.status.operationState?.phase === 'Succeeded' && !a.operation,
    );
    const res = await call(`${url}/managed-resources`, { token });
    for (const item of res.body.items) {
      expect(item.modified).toBe(false);
      expect(JSON.parse(item.liveState).spec).toEqual(
        JSON.parse(item.targetState).spec,
      );
    }
  });
});
