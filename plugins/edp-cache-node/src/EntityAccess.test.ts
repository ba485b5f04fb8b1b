import { mockCredentials } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { EntityAccess } from './EntityAccess';

const read = createPermission({
  name: 'example.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const act = createPermission({
  name: 'example.entity.act',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const ref = { kind: 'Component', namespace: 'default', name: 'shop' };
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
};

function setup(options: {
  visible?: boolean;
  decide: (name: string) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const getEntityByRef = jest.fn(async () =>
    options.visible === false ? undefined : entity,
  );
  const authorize = jest.fn(async (requests: { permission: any }[]) =>
    requests.map(r => ({ result: options.decide(r.permission.name) })),
  );
  const access = new EntityAccess(
    { getEntityByRef } as unknown as CatalogService,
    { authorize } as unknown as PermissionsService,
  );
  return { access, getEntityByRef, authorize };
}

describe('EntityAccess', () => {
  const alice = mockCredentials.user('user:default/alice');

  it('answers a page view with one catalog read and one authorize call, with the extra decisions', async () => {
    const { access, getEntityByRef, authorize } = setup({
      decide: name =>
        name === read.name ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });
    const answers = await Promise.all([
      access.require(ref, read, alice, [act]),
      access.require(ref, read, alice, [act]),
    ]);
    expect(answers.map(a => a.allowed)).toEqual([[false], [false]]);
    expect(answers[0].entity).toBe(entity);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('keeps callers apart: another user is asked about again', async () => {
    const { access, authorize } = setup({
      decide: () => AuthorizeResult.ALLOW,
    });
    await access.require(ref, read, alice);
    await access.require(ref, read, mockCredentials.user('user:default/bob'));
    expect(authorize).toHaveBeenCalledTimes(2);
  });

  it('answers a hidden entity like a missing one (404)', async () => {
    const { access } = setup({
      visible: false,
      decide: () => AuthorizeResult.ALLOW,
    });
    await expect(access.require(ref, read, alice)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('refuses without the permission (403) and does not remember the refusal', async () => {
    let allowed = false;
    const { access, authorize } = setup({
      decide: () => (allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY),
    });
    await expect(access.require(ref, act, alice)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('example.entity.act'),
    });
    allowed = true;
    await expect(access.require(ref, act, alice)).resolves.toMatchObject({
      entity,
    });
    expect(authorize).toHaveBeenCalledTimes(2);
  });
});
