import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { forgejoRepositoryReadPermission } from '@edp/plugin-forgejo-common';
import { forgejoIntegrationOf, startTestSandbox } from '@edp/sandbox';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { forgejoBackendPlugin } from './plugin';
import {
  createForgejoEntityConditionalDecision,
  publicOrOwnedBy,
} from '@edp/plugin-forgejo-node';

/**
 * Issue 11 point 5: a private repository's card data goes only to the users a permission rule allows.
 * The whole path is real: the forgejo plugin asks the permission backend, whose policy answers
 * `forgejo.repository.read` conditionally (public repository, or owned by one of the user's refs;
 * privileged groups always), and the permission backend has the forgejo plugin apply its rules to the
 * entity and the repository's visibility, read from the Forgejo stand-in (labs/recommender is private).
 */

const PRIVILEGED = 'group:default/platform-engineers';
const OWNERSHIP: Record<string, string[]> = {
  'user:default/guest': ['user:default/guest', PRIVILEGED],
  'user:default/alice': ['user:default/alice', 'group:default/developers'],
  'user:default/mallory': ['user:default/mallory'],
};

const component = (name: string, slug: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'forgejo.org/repo-slug': slug },
  },
  spec: { owner },
  relations: [{ type: RELATION_OWNED_BY, targetRef: owner }],
});
const recommender = component(
  'recommender',
  'labs/recommender',
  'group:default/developers',
);
const payments = component('payments-api', 'platform/payments-api', PRIVILEGED);

/** The default rule of the EDP policy, for this permission only. */
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'forgejo-visibility-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const refs = user?.info.ownershipEntityRefs ?? [];
            if (refs.includes(PRIVILEGED))
              return { result: AuthorizeResult.ALLOW };
            if (isPermission(req.permission, forgejoRepositoryReadPermission))
              return createForgejoEntityConditionalDecision(
                req.permission,
                publicOrOwnedBy(refs),
              );
            return { result: AuthorizeResult.DENY };
          },
        });
      },
    });
  },
});

/** Each test user's groups, as the catalog would resolve them. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return { userEntityRef, ownershipEntityRefs: OWNERSHIP[userEntityRef] };
    },
  }),
});

/**
 * Backstage's auth, as far as this path needs it: the permission backend calls apply-conditions on behalf
 * of the user, and a real on-behalf token names the calling plugin as actor (the mock's does not, and
 * the permissions registry refuses user tokens without one).
 */
const authFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const pluginId = plugin.getId();
    const auth = mockServices.auth({ pluginId });
    return Object.assign(Object.create(auth), {
      async getPluginRequestToken(options: any) {
        const { principal } = options.onBehalfOf;
        if (principal.type !== 'user')
          return auth.getPluginRequestToken(options);
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${pluginId}` },
          }),
        };
      },
    });
  },
});

describe('forgejo backend: private repositories only for the users the policy rule allows', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    const backend = await startTestBackend({
      features: [
        forgejoBackendPlugin,
        permissionBackend,
        testPolicy,
        permissionsServiceFactory,
        permissionsRegistryServiceFactory,
        userInfoFactory,
        authFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            integrations: { gitea: [forgejoIntegrationOf(sandbox)] },
          },
        }),
        catalogServiceMock.factory({ entities: [recommender, payments] }),
      ],
    });
    server = backend.server;
  }, 60_000);

  afterAll(() => sandbox?.stop());

  const get = (user: string, entity: Entity, card = 'overview') =>
    request(server)
      .get(
        `/api/forgejo/entity/component/default/${entity.metadata.name}/${card}`,
      )
      .set('Authorization', mockCredentials.user.header(user));

  it("shows a private repository to the members of the entity's owner group", async () => {
    const res = await get('user:default/alice', recommender);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullName: 'labs/recommender',
      private: true,
    });
  });

  it('shows a private repository to the privileged groups', async () => {
    const res = await get('user:default/guest', recommender);
    expect(res.status).toBe(200);
    expect(res.body.fullName).toBe('labs/recommender');
  });

  it.each(['overview', 'ci', 'pulls', 'issues', 'releases', 'commits'])(
    'answers anyone else 403 NotAllowedError on the %s route, with no repository data',
    async card => {
      const res = await get('user:default/mallory', recommender, card);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(stringifyEntityRef(recommender)),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/model\.py|develop|ml\b/);
    },
  );

  it('shows a public repository to anyone signed in', async () => {
    const res = await get('user:default/mallory', payments);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullName: 'platform/payments-api',
      private: false,
    });
  });

  it('publishes its rules for policy authors (permission metadata)', async () => {
    const res = await request(server)
      .get('/api/forgejo/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions).toContainEqual(
      expect.objectContaining({ name: 'forgejo.repository.read' }),
    );
    expect(
      res.body.rules.map((r: any) => [r.name, r.resourceType]).sort(),
    ).toEqual([
      ['IS_ENTITY_OWNER', 'catalog-entity'],
      ['IS_PUBLIC_REPOSITORY', 'catalog-entity'],
    ]);
  });
});
