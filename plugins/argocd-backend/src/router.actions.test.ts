import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { loopbackPassthrough } from './__testUtils__/fakeArgoCD';
import {
  payments,
  seedThreeInstances,
  threeInstances,
} from './__testUtils__/seeds';
import { recordingAuditor } from './__testUtils__/recordingAuditor';
import { startArgoCDBackend } from './__testUtils__/testBackend';

const server = setupServer(loopbackPassthrough);
registerMswTestHooks(server);

const API = '/api/edp-argocd/entity/component/default';

describe('sync and refresh', () => {
  it('are refused with 403 without argocd.application.sync, and audited', async () => {
    const argo = seedThreeInstances(server);
    const { auditor, events } = recordingAuditor();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      deny: ['argocd.application.sync'],
      auditor,
    });
    const overview = await request(app).get(`${API}/payments-api/overview`);
    expect(overview.body.canSync).toBe(false);
    const res = await request(app).post(
      `${API}/payments-api/applications/alpha/payments-api-dev/sync`,
    );
    expect(res.status).toBe(403);
    const refresh = await request(app).post(
      `${API}/payments-api/applications/alpha/payments-api-dev/refresh`,
    );
    expect(refresh.status).toBe(403);
    expect(argo.alpha.syncs).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'argocd-application-sync',
        severityLevel: 'medium',
        meta: {
          entity: 'component:default/payments-api',
          instance: 'alpha',
          app: 'payments-api-dev',
        },
        outcome: 'fail',
        error: 'NotAllowedError',
      },
      expect.objectContaining({
        eventId: 'argocd-application-refresh',
        outcome: 'fail',
        error: 'NotAllowedError',
      }),
    ]);
  });

  it('sync the entity’s application and record an audit event', async () => {
    const argo = seedThreeInstances(server);
    const { auditor, events } = recordingAuditor();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      auditor,
    });
    const res = await request(app).post(
      `${API}/payments-api/applications/alpha/payments-api-dev/sync`,
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      instance: 'alpha',
      app: 'payments-api-dev',
      action: 'sync',
      operationPhase: 'Running',
    });
    expect(argo.alpha.syncs).toEqual(['payments-api-dev']);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'argocd-application-sync',
        meta: expect.objectContaining({
          entity: 'component:default/payments-api',
        }),
        outcome: 'success',
        result: { instance: 'alpha', operationPhase: 'Running' },
      }),
    ]);
  });

  it('refuse applications that do not belong to the entity', async () => {
    const argo = seedThreeInstances(server);
    const { auditor, events } = recordingAuditor();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      auditor,
    });
    const res = await request(app).post(
      `${API}/payments-api/applications/alpha/inventory/sync`,
    );
    expect(res.status).toBe(404);
    expect(argo.alpha.syncs).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'argocd-application-sync',
        meta: expect.objectContaining({ instance: 'alpha', app: 'inventory' }),
        outcome: 'fail',
        error: 'NotFoundError',
      }),
    ]);
  });
});
