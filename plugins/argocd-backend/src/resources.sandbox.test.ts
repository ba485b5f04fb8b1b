import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { startTestSandbox } from '@edp/sandbox';
import request from 'supertest';
import { component, startArgoCDBackend } from './__testUtils__/testBackend';

/** The resources view, drift and rollback against the ArgoCD stand-in's seeded broken applications. */
describe('resources view, drift and rollback against the ArgoCD stand-in', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let instances: JsonObject[];

  beforeAll(async () => {
    sandbox = await startTestSandbox(['argocd'], {
      services_config: { argocd: { syncDurationMs: 100 } },
    } as any);
    const urls = sandbox.endpoints.argocd;
    instances = [
      {
        name: 'alpha',
        url: urls.alpha,
        username: 'admin',
        password: 'sandbox-argocd-password',
      },
      { name: 'beta', url: urls.beta, token: 'sandbox-argocd-token-beta' },
    ];
  });
  afterAll(() => sandbox?.stop());

  const webShop = component('web-shop', {
    'argocd/app-name': 'web-shop',
    'argocd/instance-name': 'alpha',
  });
  const inventory = component('inventory-service', {
    'argocd/app-name': 'inventory',
    'argocd/instance-name': 'alpha,beta',
  });
  const payments = component('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments',
    'argocd/instance-name': 'alpha',
  });
  const API = '/api/edp-argocd/entity/component/default';
  const requestsOf = async (instance: string) =>
    (
      await (
        await fetch(`${sandbox.endpoints.argocd[instance]}/sandbox/requests`)
      ).json()
    ).byRoute as Record<string, number>;

  it('marks the drifted web-shop on the overview without reading its tree', async () => {
    const { server } = await startArgoCDBackend({
      entities: [webShop],
      instances,
    });
    const overview = await request(server)
      .get(`${API}/web-shop/overview`)
      .expect(200);
    expect(overview.body.rows[0].drift).toEqual({
      outOfSyncResources: 2,
      since: '2026-11-16T16:02:00Z',
    });
    const routes = await requestsOf('alpha');
    expect(
      Object.keys(routes).filter(r => /resource-tree|managed|events/.test(r)),
    ).toEqual([]);
  });

  it('lists the unhealthy Deployment of beta/inventory first, with its message and events', async () => {
    const { server } = await startArgoCDBackend({
      entities: [inventory],
      instances,
    });
    const res = await request(server)
      .get(`${API}/inventory-service/applications/beta/inventory/resources`)
      .expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.resources[0]).toMatchObject({
      kind: 'Deployment',
      name: 'inventory',
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
      healthMessage: 'Deployment "inventory" exceeded its progress deadline',
    });
    const pod = res.body.resources.find((r: any) => r.kind === 'Pod');
    expect(pod.parent).toMatch(/^ReplicaSet\/inventory-/);
    expect(res.body.events[0]).toMatchObject({
      type: 'Warning',
      reason: 'ProgressDeadlineExceeded',
      object: 'Deployment/inventory',
    });
  });

  it('shows the desired-vs-live diff of web-shop, and serves a second view from the cache', async () => {
    const { server } = await startArgoCDBackend({
      entities: [webShop],
      instances,
    });
    const url = `${API}/web-shop/applications/alpha/web-shop/diff`;
    const res = await request(server).get(url).expect(200);
    const deployment = res.body.diffs.find((d: any) => d.kind === 'Deployment');
    const changed = deployment.lines
      .filter((l: any) => l.op !== ' ')
      .map((l: any) => `${l.op}${l.text.trim()}`);
    expect(changed).toEqual(
      expect.arrayContaining([
        '-"replicas": 3,',
        '+"replicas": 1,',
        '-"image": "registry.sandbox.local/web-shop:2.6.0",',
        '+"image": "registry.sandbox.local/web-shop:2.5.3",',
      ]),
    );
    const before = (await requestsOf('alpha'))[
      'GET /api/v1/applications/{name}/managed-resources'
    ];
    await request(server).get(url).expect(200);
    expect(
      (await requestsOf('alpha'))[
        'GET /api/v1/applications/{name}/managed-resources'
      ],
    ).toBe(before);
  });

  it('refuses applications that are not the entity’s', async () => {
    const { server } = await startArgoCDBackend({
      entities: [webShop],
      instances,
    });
    const res = await request(server).get(
      `${API}/web-shop/applications/alpha/payments-api-dev/resources`,
    );
    expect(res.status).toBe(404);
  });

  it('refuses a rollback without argocd.application.rollback, and audits the attempt', async () => {
    const auditor = mockServices.auditor.mock();
    const fail = jest.fn();
    auditor.createEvent.mockResolvedValue({ success: jest.fn(), fail });
    const { server } = await startArgoCDBackend({
      entities: [payments],
      instances,
      deny: ['argocd.application.rollback'],
      auditor,
    });
    const history = await request(server)
      .get(`${API}/payments-api/history`)
      .expect(200);
    expect(history.body.canRollback).toBe(false);
    const res = await request(server)
      .post(`${API}/payments-api/applications/alpha/payments-api-dev/rollback`)
      .send({ id: 4, revision: 'b02d4886546c31d2da39ba2c81a5eba044692976' });
    expect(res.status).toBe(403);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'argocd-application-rollback' }),
    );
    expect(fail).toHaveBeenCalled();
  });

  it('refuses a rollback of an automated app unless automated sync is turned off, then rolls back', async () => {
    const auditor = mockServices.auditor.mock();
    const success = jest.fn();
    auditor.createEvent.mockResolvedValue({ success, fail: jest.fn() });
    const { server } = await startArgoCDBackend({
      entities: [payments],
      instances,
      auditor,
    });
    const history = await request(server)
      .get(`${API}/payments-api/history`)
      .expect(200);
    const dev = history.body.applications[0];
    expect(dev.automatedSync).toBe(true);
    const target = dev.deployments.find((d: any) => d.id === 4);
    const url = `${API}/payments-api/applications/alpha/payments-api-dev/rollback`;

    const refused = await request(server)
      .post(url)
      .send({ id: 4, revision: target.revision });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/turn automated sync off/);

    const stale = await request(server)
      .post(url)
      .send({ id: 4, revision: 'abc', disableAutomatedSync: true });
    expect(stale.status).toBe(400);

    const done = await request(server)
      .post(url)
      .send({ id: 4, revision: target.revision, disableAutomatedSync: true });
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({
      id: 4,
      revision: target.revision,
      automatedSyncDisabled: true,
    });
    expect(success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ revision: target.revision }),
    });

    // The stand-in's controller deploys it; the history then starts with the rolled-back revision.
    let latest: any;
    for (
      let i = 0;
      i < 100 && latest?.deployments[0]?.revision !== target.revision;
      i++
    ) {
      await new Promise(r => setTimeout(r, 100));
      latest = (await request(server).get(`${API}/payments-api/history`)).body
        .applications[0];
    }
    expect(latest.automatedSync).toBe(false);
    expect(latest.deployments[0].revision).toBe(target.revision);
  });
});
