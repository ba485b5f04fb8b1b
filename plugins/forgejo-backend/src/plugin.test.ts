import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { forgejoPlugin } from './plugin';
import {
  forgejoHandlers,
  integrationsConfig,
} from './__testUtils__/forgejoHandlers';

const payments = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'forgejo.org/repo-slug': 'platform/payments-api' },
  },
  spec: {},
};

describe('forgejo backend plugin', () => {
  const server = setupServer(
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  registerMswTestHooks(server);

  const start = (
    result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    entities = [payments],
  ) => {
    const addPermissions = jest.fn();
    const backend = startTestBackend({
      features: [
        forgejoPlugin,
        mockServices.rootConfig.factory({
          data: { ...integrationsConfig, forgejo: { cacheTtl: '30s' } },
        }),
        mockServices.permissions.mock({
          authorize: async reqs => reqs.map(() => ({ result })),
        }).factory,
        mockServices.permissionsRegistry.mock({ addPermissions }).factory,
        catalogServiceMock.factory({ entities }),
      ],
    });
    return { backend, addPermissions };
  };

  it('serves the overview card and registers forgejo.repository.read', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const { backend, addPermissions } = start(AuthorizeResult.ALLOW);
    const { server: http1 } = await backend;
    const res = await request(http1).get(
      '/api/forgejo/entity/component/default/payments-api/overview',
    );
    expect(res.status).toBe(200);
    expect(res.body.fullName).toBe('platform/payments-api');
    expect(addPermissions).toHaveBeenCalledWith([
      expect.objectContaining({
        name: 'forgejo.repository.read',
        attributes: { action: 'read' },
      }),
    ]);
  });

  it('answers 403 when the permission is denied', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const { server: http1 } = await start(AuthorizeResult.DENY).backend;
    const res = await request(http1).get(
      '/api/forgejo/entity/component/default/payments-api/overview',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(upstream.calls).toHaveLength(0);
  });

  it('answers 404 for an entity hidden from the caller', async () => {
    const { server: http1 } = await start(AuthorizeResult.ALLOW, []).backend;
    const res = await request(http1).get(
      '/api/forgejo/entity/component/default/payments-api/ci',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('requires credentials', async () => {
    const { server: http1 } = await start(AuthorizeResult.ALLOW).backend;
    const res = await request(http1)
      .get('/api/forgejo/entity/component/default/payments-api/ci')
      .set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});
