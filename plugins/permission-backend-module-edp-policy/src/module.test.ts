import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { permissionModuleEdpPolicy } from './module';

const ENGINEER = 'user:default/guest';
const DEVELOPER = 'user:default/alice';

/**
 * The policy installed in Backstage's permission backend, asked over HTTP the way the frontend and
 * every backend plugin ask it (`POST /api/permission/authorize`).
 */
describe('permissionModuleEdpPolicy in the permission backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleEdpPolicy,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            edp: {
              permission: {
                privilegedGroups: ['group:default/platform-engineers'],
              },
            },
          },
        }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs:
                ref === ENGINEER
                  ? [ref, 'group:default/platform-engineers']
                  : [ref, 'group:default/developers'],
            };
          },
        }).factory,
      ],
    }));
  });

  const authorize = async (user: string, name: string, extra = {}) => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({
        items: [
          {
            id: '1',
            permission: { type: 'basic', name, attributes: {}, ...extra },
          },
        ],
      });
    expect(res.status).toBe(200);
    return res.body.items[0];
  };

  it.each([
    ['kubernetes.proxy', {}],
    ['catalog.location.create', { attributes: { action: 'create' } }],
    ['edp.kubernetes.apply', { attributes: { action: 'create' } }],
    ['forgejo.repository.publish', { attributes: { action: 'create' } }],
    // The rest of the README's table, with each permission's own attributes.
    ['edp.kubernetes.apply.privileged', { attributes: { action: 'create' } }],
    ['edp.argocd.application.create', { attributes: { action: 'create' } }],
    ['edp.stack.provision', { attributes: { action: 'create' } }],
    ['terraform.run.plan', {}],
    ['terraform.run.apply', { attributes: { action: 'update' } }],
    ['terraform.run.destroy', { attributes: { action: 'delete' } }],
    ['terraform.drift.check', { attributes: { action: 'update' } }],
    ['argocd.application.sync', { attributes: { action: 'update' } }],
    ['argocd.application.rollback', { attributes: { action: 'update' } }],
    ['forgejo.workflow.dispatch', { attributes: { action: 'update' } }],
    ['catalog.entity.delete', { attributes: { action: 'delete' } }],
  ])(
    'answers %s with ALLOW for the privileged group and DENY for others',
    async (name, extra) => {
      expect((await authorize(ENGINEER, name, extra)).result).toBe('ALLOW');
      expect((await authorize(DEVELOPER, name, extra)).result).toBe('DENY');
    },
  );

  it.each(['catalog.entity.read', 'terraform.state.read'])(
    'lets everyone read (%s)',
    async name => {
      expect(
        (await authorize(DEVELOPER, name, { attributes: { action: 'read' } }))
          .result,
      ).toBe('ALLOW');
    },
  );
});
