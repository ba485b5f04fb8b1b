import { ConfigReader } from '@backstage/config';
import { NamespaceAllowlist, privilegedReason } from './applyGate';
import type { Manifest } from './manifests';

const object = (
  apiVersion: string,
  kind: string,
  namespace?: string,
): Manifest => ({
  apiVersion,
  kind,
  metadata: { name: 'x', ...(namespace ? { namespace } : {}) },
});

describe('privilegedReason', () => {
  const allowlist = NamespaceAllowlist.fromConfig(
    new ConfigReader({
      edp: { kubernetes: { namespaceAllowlist: ['shop', 'team-*'] } },
    }),
  );

  it.each([
    [object('v1', 'ConfigMap', 'shop')],
    [object('apps/v1', 'Deployment', 'team-a')],
  ])('needs nothing more for %j', manifest => {
    expect(privilegedReason(manifest, allowlist)).toBeUndefined();
  });

  it.each([
    [
      object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'shop'),
      'RoleBinding shop/x (RBAC grants rights)',
    ],
    [
      object('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'),
      'ClusterRoleBinding x (RBAC grants rights)',
    ],
    [object('v1', 'Secret', 'shop'), 'Secret shop/x (Secret)'],
    [object('v1', 'Namespace'), 'Namespace x (cluster-scoped)'],
    [
      object('apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
      'CustomResourceDefinition x (cluster-scoped)',
    ],
    [
      object('v1', 'ConfigMap', 'kube-system'),
      'ConfigMap kube-system/x (namespace "kube-system" is not in edp.kubernetes.namespaceAllowlist)',
    ],
    [
      object('v1', 'ConfigMap', 'teams'),
      'ConfigMap teams/x (namespace "teams" is not in edp.kubernetes.namespaceAllowlist)',
    ],
  ])('needs the privileged permission for %j', (manifest, reason) => {
    expect(privilegedReason(manifest, allowlist)).toBe(reason);
  });

  it('treats every namespace as outside an absent allowlist', () => {
    const none = NamespaceAllowlist.fromConfig(new ConfigReader({}));
    expect(
      privilegedReason(object('v1', 'ConfigMap', 'default'), none),
    ).toMatch(/not in edp.kubernetes.namespaceAllowlist/);
  });
});
