import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  fakeApp,
  fakeArgoCD,
  loopbackPassthrough,
} from './__testUtils__/fakeArgoCD';
import {
  instance,
  inventory,
  payments,
  seedThreeInstances,
  sessionInstance,
  threeInstances,
  tokenInstance,
} from './__testUtils__/seeds';
import { component, startArgoCDBackend } from './__testUtils__/testBackend';

const server = setupServer(loopbackPassthrough);
registerMswTestHooks(server);

const API = '/api/edp-argocd/entity/component/default';

describe('edp-argocd backend', () => {
  it('shows every matching application with status, commit link and namespace-aware UI link', async () => {
    seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
    });
    const res = await request(app).get(`${API}/payments-api/overview`);
    expect(res.status).toBe(200);
    expect(res.body.canSync).toBe(true);
    expect(res.body.rows.map((r: any) => [r.instance, r.name])).toEqual([
      ['alpha', 'payments-api-dev'],
      ['beta', 'payments-api-prod'],
    ]);
    expect(res.body.rows[0]).toMatchObject({
      type: 'application',
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      operationPhase: 'Succeeded',
      revision: `03${'ab'.repeat(19)}`,
      revisionUrl: `http://127.0.0.1:7101/platform/payments-api/commit/03${'ab'.repeat(
        19,
      )}`,
      uiUrl: 'https://alpha.argocd.test/applications/argocd/payments-api-dev',
      lastSyncedAt: '2026-11-04T10:00:00Z',
    });
  });

  it('answers 403 when argocd.application.read is denied', async () => {
    const argo = seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      deny: ['argocd.application.read'],
    });
    const res = await request(app).get(`${API}/payments-api/overview`);
    expect(res.status).toBe(403);
    expect(argo.alpha.lists + argo.beta.lists).toBe(0);
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [],
      instances: threeInstances,
    });
    const res = await request(app).get(`${API}/payments-api/overview`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('component:default/payments-api');
  });

  it('logs in once per instance and reuses the session across requests and entities', async () => {
    const argo = seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [payments, inventory],
      instances: threeInstances,
    });
    await request(app).get(`${API}/payments-api/overview`).expect(200);
    await request(app).get(`${API}/inventory-service/overview`).expect(200);
    await request(app).get(`${API}/inventory-service/history`).expect(200);
    expect(argo.alpha.logins).toBe(1);
    expect(argo.gamma.logins).toBe(1);
    expect(argo.beta.logins).toBe(0); // static token
    expect(argo.alpha.lists).toBe(2); // one per distinct query; history reuses the overview's answer
  });

  it('logs in again when ArgoCD forgets the session (401)', async () => {
    const argo = seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [payments, inventory],
      instances: threeInstances,
    });
    await request(app).get(`${API}/payments-api/overview`).expect(200);
    argo.alpha.sessions.clear();
    const res = await request(app).get(`${API}/inventory-service/overview`);
    expect(res.body.rows.filter((r: any) => r.type === 'error')).toEqual([]);
    expect(argo.alpha.logins).toBe(2);
  });

  it('still returns the other instances, within the timeout, when one hangs', async () => {
    seedThreeInstances(server, { hangGamma: true });
    const { server: app } = await startArgoCDBackend({
      entities: [inventory],
      instances: threeInstances,
    });
    const started = Date.now();
    const res = await request(app).get(`${API}/inventory-service/overview`);
    expect(Date.now() - started).toBeLessThan(400 + 600);
    expect(res.body.rows.map((r: any) => [r.instance, r.type])).toEqual([
      ['alpha', 'application'],
      ['beta', 'application'],
      ['gamma', 'error'],
    ]);
    expect(res.body.rows[2]).toMatchObject({
      reason: 'timeout',
      message: 'ArgoCD instance "gamma" did not answer within 400 ms',
    });
  });

  it('shows wrong credentials and unknown instances as rows, without the secret', async () => {
    seedThreeInstances(server);
    const entity = component('inventory-service', {
      'argocd/app-name': 'inventory',
      'argocd/instance-name': 'beta, nowhere, alpha',
    });
    const { server: app } = await startArgoCDBackend({
      entities: [entity],
      instances: [
        instance('alpha', { username: 'admin', password: 'not-the-password' }),
        tokenInstance('beta'),
      ],
    });
    const res = await request(app).get(`${API}/inventory-service/overview`);
    expect(
      res.body.rows.map((r: any) => [r.instance, r.type, r.reason]),
    ).toEqual([
      ['beta', 'application', undefined],
      ['nowhere', 'error', 'unknown-instance'],
      ['alpha', 'error', 'auth'],
    ]);
    expect(res.body.rows[1].message).toContain('argocd/instance-name');
    expect(JSON.stringify(res.body)).not.toContain('not-the-password');
  });

  it('rejects a malformed selector with a 400 naming the annotation', async () => {
    const bad = component('bad', { 'argocd/app-selector': 'team=a&b' });
    const { server: app } = await startArgoCDBackend({
      entities: [bad],
      instances: threeInstances,
    });
    const res = await request(app).get(`${API}/bad/overview`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /argocd\/app-selector annotation "team=a&b" is not a valid label selector/,
    );
  });

  it('returns every deployment newest first, and metadata only for the entity’s revisions', async () => {
    const argo = seedThreeInstances(server);
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
    });
    const history = await request(app)
      .get(`${API}/payments-api/history`)
      .expect(200);
    const [dev, prod] = history.body.applications;
    expect(dev.deployments.map((d: any) => d.id)).toEqual([3, 2, 1, 0]);
    expect(prod.deployments).toHaveLength(5);

    const meta = await request(app)
      .post(`${API}/payments-api/history/metadata`)
      .send({
        revisions: [
          {
            instance: 'alpha',
            app: 'payments-api-dev',
            namespace: 'argocd',
            revision: dev.deployments[0].revision,
          },
          {
            instance: 'alpha',
            app: 'inventory',
            namespace: 'argocd',
            revision: dev.deployments[0].revision,
          },
        ],
      })
      .expect(200);
    expect(meta.body.revisions[0]).toMatchObject({
      ok: true,
      author: 'Dev <dev@example.com>',
    });
    expect(meta.body.revisions[1]).toMatchObject({
      ok: false,
      error: expect.stringContaining("not in this entity's history"),
    });
    // The four dev revisions were loaded once (prefetched with the history), never for `inventory`.
    expect(argo.alpha.metadata).toBe(4);

    const tooMany = await request(app)
      .post(`${API}/payments-api/history/metadata`)
      .send({
        revisions: Array(11).fill({
          instance: 'alpha',
          app: 'a',
          revision: 'r',
        }),
      });
    expect(tooMany.status).toBe(400);
  });

  it('loads revision metadata for the first page of history only, however long the history is', async () => {
    const part = { 'app.kubernetes.io/part-of': 'payments' };
    const alpha = fakeArgoCD(server, 'alpha', {
      password: 'alpha-pw',
      apps: [fakeApp('payments-api-dev', { labels: part, history: 25 })],
    });
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: [sessionInstance('alpha')],
    });
    const history = await request(app)
      .get(`${API}/payments-api/history`)
      .expect(200);
    expect(history.body.applications[0].deployments).toHaveLength(25); // none dropped
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(alpha.metadata).toBe(10);
  });
});
