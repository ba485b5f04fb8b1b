import { ALL_VERBS, apiVersionOf, type ResourceRegistry } from './resources';

/** `GET /version`: the dispatcher in front of kubectl picks its client version from this. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-edp-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.8',
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
      verbs: ALL_VERBS,
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
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(types[0]),
    resources,
  };
}
