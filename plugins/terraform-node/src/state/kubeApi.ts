import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { KubernetesStateBackend } from '../config';

/** The cluster fields a client needs (a KubernetesStateBackend without namespace). @public */
export type ClusterConnection = Pick<
  KubernetesStateBackend,
  'cluster' | 'url' | 'token' | 'skipTLSVerify' | 'caData'
>;

/** A CoreV1 client for a configured cluster; the token never leaves this process. @public */
export function coreApiFor(cluster: ClusterConnection): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.cluster,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
      },
    ],
    users: [{ name: 'edp-terraform', token: cluster.token }],
    contexts: [
      {
        name: cluster.cluster,
        cluster: cluster.cluster,
        user: 'edp-terraform',
      },
    ],
    currentContext: cluster.cluster,
  });
  return kc.makeApiClient(CoreV1Api);
}

/** The HTTP status of a failed client-node call (ApiException.code), if any. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
