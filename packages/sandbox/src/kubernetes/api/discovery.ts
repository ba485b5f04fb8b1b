import {
  ALL_VERBS,
  apiVersionOf,
  type ResourceRegistry,
} from '../store/resources';

/**
 * `GET /version`: the release whose kinds and schemas are served (`builtin/kinds.json`). The
 * dispatcher in front of kubectl picks its client version from this.
 */
export const VERSION_INFO = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.0-edp-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `GET /api`. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDoc(name: string, versions: string[]) {
  const list = versions.map(version => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** `GET /apis`. */
export function groupList(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...registry.groups()].map(([name, versions]) =>
      groupDoc(name, versions),
    ),
  };
}

/** `GET /apis/{group}`, or undefined when the group is not served. */
export function group(registry: ResourceRegistry, name: string) {
  const versions = registry.groups().get(name);
  return versions
    ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(name, versions) }
    : undefined;
}

/** `GET /api/v1` and `GET /apis/{group}/{version}`, or undefined when not served. */
export function resourceList(
  registry: ResourceRegistry,
  groupName: string,
  version: string,
) {
  const types = registry
    .all()
    .filter(t => t.group === groupName && t.version === version);
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs ?? ALL_VERBS,
      ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories?.length ? { categories: t.categories } : {}),
      storageVersionHash: Buffer.from(`${apiVersionOf(t)}/${t.plural}`)
        .toString('base64')
        .slice(0, 11),
    });
    if (t.statusSubresource) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
    if (t.kind === 'Pod' && !t.group)
      resources.push({
        name: 'pods/log',
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get'],
      });
    if (t.kind === 'ServiceAccount' && !t.group)
      resources.push({
        name: 'serviceaccounts/token',
        singularName: '',
        namespaced: true,
        group: 'authentication.k8s.io',
        version: 'v1',
        kind: 'TokenRequest',
        verbs: ['create'],
      });
    if (t.scaleSubresource) {
      resources.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(types[0]),
    resources,
  };
}

/** The media type of aggregated discovery (one request for every group instead of one per group version). */
export const AGGREGATED_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether the client accepts aggregated discovery (kubectl and client-go ask for it first). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (
    !!accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2/.test(accept)
  );
}

function versionDiscovery(
  registry: ResourceRegistry,
  groupName: string,
  version: string,
) {
  const types = registry
    .all()
    .filter(t => t.group === groupName && t.version === version);
  return {
    version,
    freshness: 'Current',
    resources: types.map(t => {
      const responseKind = { group: t.group, version: t.version, kind: t.kind };
      const subresources = [];
      if (t.statusSubresource)
        subresources.push({
          subresource: 'status',
          responseKind,
          verbs: ['get', 'patch', 'update'],
        });
      if (t.kind === 'Pod' && !t.group)
        subresources.push({
          subresource: 'log',
          responseKind: { group: '', version: '', kind: '' },
          verbs: ['get'],
        });
      if (t.kind === 'ServiceAccount' && !t.group)
        subresources.push({
          subresource: 'token',
          responseKind: {
            group: 'authentication.k8s.io',
            version: 'v1',
            kind: 'TokenRequest',
          },
          verbs: ['create'],
        });
      if (t.scaleSubresource)
        subresources.push({
          subresource: 'scale',
          responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        });
      return {
        resource: t.plural,
        responseKind,
        scope: t.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: t.singular,
        verbs: t.verbs ?? ALL_VERBS,
        ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories?.length ? { categories: t.categories } : {}),
        ...(subresources.length ? { subresources } : {}),
      };
    }),
  };
}

/** Aggregated `GET /api` (the core group) or `GET /apis` (every other group), apidiscovery.k8s.io/v2. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean) {
  const items = core
    ? [
        {
          metadata: { creationTimestamp: null },
          versions: [versionDiscovery(registry, '', 'v1')],
        },
      ]
    : [...registry.groups()].map(([name, versions]) => ({
        metadata: { name, creationTimestamp: null },
        versions: versions.map(v => versionDiscovery(registry, name, v)),
      }));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items,
  };
}
