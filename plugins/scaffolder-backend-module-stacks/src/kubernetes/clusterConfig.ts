import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** One cluster of `kubernetes.clusterLocatorMethods` (type `config`), as the actions need it. */
export interface ClusterDetails {
  name: string;
  url: string;
  authProvider: string;
  /** Bearer token; never logged. */
  token?: string;
  skipTLSVerify: boolean;
  caData?: string;
}

/** The clusters Backstage's Kubernetes plugin reads from `kubernetes.clusterLocatorMethods[type=config]`. */
export function readConfiguredClusters(config: Config): ClusterDetails[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .map(cluster => ({
      name: cluster.getString('name'),
      url: cluster.getString('url'),
      authProvider:
        cluster.getOptionalString('authProvider') ?? 'serviceAccount',
      token: cluster.getOptionalString('serviceAccountToken'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      caData: cluster.getOptionalString('caData'),
    }));
}

/**
 * Picks the cluster named `name` (or the only configured one when no name is given).
 * Errors name the config key and the known clusters, never the token.
 */
export function findCluster(config: Config, name?: string): ClusterDetails {
  const clusters = readConfiguredClusters(config);
  const names = clusters.map(c => c.name).join(', ');
  if (clusters.length === 0) {
    throw new InputError(
      'No Kubernetes cluster is configured: add one under kubernetes.clusterLocatorMethods ' +
        '(type: config, clusters: [{ name, url, authProvider: serviceAccount, serviceAccountToken }])',
    );
  }
  let cluster: ClusterDetails | undefined;
  if (name) {
    cluster = clusters.find(c => c.name === name);
    if (!cluster) {
      throw new InputError(
        `Input "cluster": no cluster named "${name}" in kubernetes.clusterLocatorMethods; configured clusters: ${names}`,
      );
    }
  } else if (clusters.length === 1) {
    cluster = clusters[0];
  } else {
    throw new InputError(
      `Input "cluster" is required when several clusters are configured; choose one of: ${names}`,
    );
  }
  // Only server-held credentials work in a scaffolder task: no user is there to log in to the cluster.
  if (cluster.authProvider !== 'serviceAccount') {
    throw new InputError(
      `Cluster "${cluster.name}" uses authProvider "${cluster.authProvider}"; scaffolder actions support only "serviceAccount" with a serviceAccountToken`,
    );
  }
  if (!cluster.token) {
    throw new InputError(
      `Cluster "${cluster.name}" has no serviceAccountToken in kubernetes.clusterLocatorMethods`,
    );
  }
  return cluster;
}
