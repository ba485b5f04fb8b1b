import { startTestSandbox } from '@edp/sandbox';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { recordingAuditor } from './__testUtils__/recordingAuditor';
import { component, startArgoCDBackend } from './__testUtils__/testBackend';

/**
 * The backend against the ArgoCD stand-in (real HTTP, sessions, seeds, faults), with the sandbox's
 * own credentials given as config, as app-config.sandbox.yaml does.
 */
describe('edp-argocd backend against the ArgoCD stand-in', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let instances: JsonObject[];
  const TIMEOUT_MS = 1500;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['argocd']);
    const urls = sandbox.endpoints.argocd;
    instances = [
      {
        name: 'alpha',
        url: urls.alpha,
        username: 'admin',
        password: 'sandbox-argocd-password',
        timeoutMs: TIMEOUT_MS,
      },
      {
        name: 'beta',
        url: urls.beta,
        token: 'sandbox-argocd-token-beta',
        timeoutMs: TIMEOUT_MS,
      },
      {
        name: 'gamma',
        url: urls.gamma,
        username: 'admin',
        password: 'sandbox-argocd-password',
        timeoutMs: TIMEOUT_MS,
      },
    ];
  });
  afterAll(() => sandbox?.stop());
  afterEach(() => sandbox.faults.clear());

  const payments = component('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments',
  });
  const inventory = component('inventory-service', {
    'argocd/app-name': 'inventory',
  });
  const API = '/api/edp-argocd/entity/component/default';

  it('shows the seeded payments applications, their full history and revision metadata', async () => {
    const { server } = await startArgoCDBackend({
      entities: [payments],
      instances,
    });
    const overview = await request(server)
      .get(`${API}/payments-api/overview`)
      .expect(200);
    expect(
      overview.body.rows.map((r: any) => [r.type, r.instance, r.name]),
    ).toEqual([
      ['application', 'alpha', 'payments-api-dev'],
      ['application', 'beta', 'payments-api-prod'],
    ]);
    expect(overview.body.rows[0].revisionUrl).toBe(
      'http://127.0.0.1:7101/platform/payments-api/commit/046998fcc26b570ab5bf8bb1780ad9a5e902c305',
    );

    const history = await request(server)
      .get(`${API}/payments-api/history`)
      .expect(200);
    const dev = history.body.applications[0];
    expect(dev.deployments.map((d: any) => d.id)).toEqual([
      6, 5, 4, 3, 2, 1, 0,
    ]);

    const meta = await request(server)
      .post(`${API}/payments-api/history/metadata`)
      .send({
        revisions: [
          {
            instance: 'alpha',
            app: dev.name,
            namespace: dev.namespace,
            revision: dev.deployments[0].revision,
          },
        ],
      })
      .expect(200);
    expect(meta.body.revisions[0]).toMatchObject({
      ok: true,
      author: expect.stringContaining('@'),
    });
  });

  it('still shows alpha and beta when gamma hangs, with a timeout row for gamma', async () => {
    sandbox.faults.set('argocd/gamma', { hang: true });
    const { server } = await startArgoCDBackend({
      entities: [inventory],
      instances,
    });
    const started = Date.now();
    const res = await request(server)
      .get(`${API}/inventory-service/overview`)
      .expect(200);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
    expect(res.body.rows.map((r: any) => [r.instance, r.type])).toEqual([
      ['alpha', 'application'],
      ['beta', 'application'],
      ['gamma', 'error'],
    ]);
    expect(res.body.rows[2].reason).toBe('timeout');
  });

  it('says authentication failed for wrong credentials without echoing them', async () => {
    const wrong = [
      { ...instances[0], password: 'definitely-wrong-pw' },
      instances[1],
    ];
    const { server } = await startArgoCDBackend({
      entities: [inventory],
      instances: wrong,
    });
    const res = await request(server)
      .get(`${API}/inventory-service/overview`)
      .expect(200);
    expect(res.body.rows[0]).toMatchObject({
      type: 'error',
      instance: 'alpha',
      reason: 'auth',
    });
    expect(JSON.stringify(res.body)).not.toContain('definitely-wrong-pw');
    expect(res.body.rows[1]).toMatchObject({
      type: 'application',
      instance: 'beta',
    });
  });

  it('syncs an application of the entity and records the audit event', async () => {
    const { auditor, events } = recordingAuditor();
    const { server } = await startArgoCDBackend({
      entities: [payments],
      instances,
      auditor,
    });
    const res = await request(server).post(
      `${API}/payments-api/applications/beta/payments-api-prod/sync`,
    );
    expect(res.status).toBe(202);
    expect(res.body.action).toBe('sync');
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'argocd-application-sync',
        meta: expect.objectContaining({
          instance: 'beta',
          app: 'payments-api-prod',
        }),
        outcome: 'success',
      }),
    ]);
  });

  it('refreshes an application of the entity', async () => {
    const { server } = await startArgoCDBackend({
      entities: [inventory],
      instances,
    });
    const res = await request(server).post(
      `${API}/inventory-service/applications/alpha/inventory/refresh`,
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      instance: 'alpha',
      app: 'inventory',
      action: 'refresh',
    });
  });
});
