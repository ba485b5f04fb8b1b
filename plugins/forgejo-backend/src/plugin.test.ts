import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { forgejoBackendPlugin } from './plugin';
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

  type Decide = (
    request: Parameters<PermissionsService['authorize']>[0][number],
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

  const start = (
    resultOrDecide: AuthorizeResult.ALLOW | AuthorizeResult.DENY | Decide,
    entities: Entity[] = [payments],
  ) => {
    const addPermissions = jest.fn();
    const decide: Decide =
      typeof resultOrDecide === 'function'
        ? resultOrDecide
        : () => resultOrDecide;
    const authorize = jest.fn(
      async (reqs: Parameters<PermissionsService['authorize']>[0]) =>
        reqs.map(r => ({ result: decide(r) })),
    );
    const backend = startTestBackend({
      features: [
        forgejoBackendPlugin,
        mockServices.rootConfig.factory({
          data: { ...integrationsConfig, forgejo: { cacheTtl: '30s' } },
        }),
        mockServices.permissions.mock({ authorize: authorize as any }).factory,
        mockServices.permissionsRegistry.mock({ addPermissions }).factory,
        catalogServiceMock.factory({ entities }),
      ],
    });
    return { backend, addPermissions, authorize };
  };

  it('serves the overview card and registers forgejo.repository.read and forgejo.workflow.dispatch', async () => {
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
        resourceType: 'catalog-entity',
      }),
      expect.objectContaining({
        name: 'forgejo.workflow.dispatch',
        attributes: { action: 'update' },
        resourceType: 'catalog-entity',
      }),
    ]);
  });

  it('lets the policy decide per entity: the entity ref is the resource', async () => {
    const webShop = {
      ...payments,
      metadata: {
        name: 'web-shop',
        namespace: 'default',
        annotations: { 'forgejo.org/repo-slug': 'platform/web-shop' },
      },
    };
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    // A policy that shows Forgejo data for payments-api only.
    const { backend, authorize } = start(
      r =>
        'resourceRef' in r && r.resourceRef === 'component:default/payments-api'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      [payments, webShop],
    );
    const { server: http1 } = await backend;
    const allowed = await request(http1).get(
      '/api/forgejo/entity/component/default/payments-api/overview',
    );
    expect(allowed.status).toBe(200);
    const callsBefore = upstream.calls.length;
    const denied = await request(http1).get(
      '/api/forgejo/entity/component/default/web-shop/overview',
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('component:default/web-shop');
    expect(authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'forgejo.repository.read',
          }),
          resourceRef: 'component:default/web-shop',
        }),
      ],
      expect.anything(),
    );
    expect(upstream.calls).toHaveLength(callsBefore);
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
