import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import type { Request } from 'express';
import { integrationsConfig } from '../__testUtils__/forgejoHandlers';
import { createRepoAccess } from './repoAccess';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'forgejo.org/repo-slug': 'platform/payments-api' },
  },
  spec: {},
};

function setup() {
  const catalog = catalogServiceMock({ entities: [entity] });
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const permissions = mockServices.permissions.mock();
  const access = createRepoAccess({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/alice'),
    }),
    permissions,
    catalog,
    client: ForgejoClient.fromConfig(new ConfigReader(integrationsConfig), {
      requestTimeoutMs: 500,
    }),
  });
  const req = {
    params: { kind: 'component', namespace: 'default', name: 'payments-api' },
    headers: {},
  } as unknown as Request;
  return { access, req, getEntityByRef, permissions };
}

describe('createRepoAccess', () => {
  it("serves a page view's cards with one catalog read and one authorize call", async () => {
    const { access, req, getEntityByRef, permissions } = setup();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const [a, b] = await Promise.all([access(req), access(req)]);
    expect(a.repo).toEqual(b.repo);
    expect(a.repo.repo).toBe('payments-api');
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
  });

  it('asks again after a refusal: refusals are not remembered', async () => {
    const { access, req, permissions } = setup();
    permissions.authorize
      .mockResolvedValueOnce([{ result: AuthorizeResult.DENY }])
      .mockResolvedValueOnce([{ result: AuthorizeResult.ALLOW }]);
    await expect(access(req)).rejects.toThrow(/may not see/);
    await expect(access(req)).resolves.toMatchObject({
      entityRef: 'component:default/payments-api',
    });
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
  });
});
