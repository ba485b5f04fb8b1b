import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { loopbackPassthrough } from './__testUtils__/fakeArgoCD';
import {
  payments,
  seedThreeInstances,
  threeInstances,
} from './__testUtils__/seeds';
import { startArgoCDBackend } from './__testUtils__/testBackend';

const server = setupServer(loopbackPassthrough);
registerMswTestHooks(server);

const API = '/api/edp-argocd/entity/component/default';

describe('sync and refresh', () => {
  it('are refused with 403 without argocd.application.sync, and audited', async () => {
    const argo = seedThreeInstances(server);
    const logger = mockServices.logger.mock();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      deny: ['argocd.application.sync'],
      logger,
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
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'AUDIT argocd.sync by user:default/mock on alpha/payments-api-dev: denied',
      ),
      expect.objectContaining({ audit: true, actor: 'user:default/mock' }),
    );
  });

  it('sync the entity’s application and write an audit line with the user', async () => {
    const argo = seedThreeInstances(server);
    const logger = mockServices.logger.mock();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      logger,
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
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'AUDIT argocd.sync by user:default/mock on alpha/payments-api-dev: requested',
      ),
      expect.objectContaining({ entity: 'component:default/payments-api' }),
    );
  });

  it('refuse applications that do not belong to the entity', async () => {
    const argo = seedThreeInstances(server);
    const logger = mockServices.logger.mock();
    const { server: app } = await startArgoCDBackend({
      entities: [payments],
      instances: threeInstances,
      logger,
    });
    const res = await request(app).post(
      `${API}/payments-api/applications/alpha/inventory/sync`,
    );
    expect(res.status).toBe(404);
    expect(argo.alpha.syncs).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'AUDIT argocd.sync by user:default/mock on alpha/inventory: refused',
      ),
      expect.objectContaining({
        error: expect.stringContaining('does not belong to this entity'),
      }),
    );
  });
});
