import { KubeCluster } from './store/cluster';
import { findCrdDir, readCrds } from './store/crds';
import { bootstrapRbac } from './auth/rbac';

/**
 * A cluster with the ArgoCD CRDs installed, the bootstrap RBAC policy and the given namespaces
 * created (also used by tests).
 */
export function bootstrapCluster(
  options: {
    watchHistory?: number;
    crdDir?: string;
    namespaces?: string[];
  } = {},
): KubeCluster {
  const cluster = new KubeCluster({ watchHistory: options.watchHistory });
  const crdType = cluster.type(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
  );
  for (const crd of readCrds(findCrdDir(options.crdDir)))
    cluster.create(crdType, undefined, crd, { fieldManager: 'sandbox' });
  bootstrapRbac(cluster);
  const nsType = cluster.type('v1', 'Namespace');
  for (const name of options.namespaces ?? ['argocd']) {
    if (!cluster.find(nsType, undefined, name))
      cluster.create(
        nsType,
        undefined,
        { metadata: { name } },
        { fieldManager: 'sandbox' },
      );
  }
  return cluster;
}
