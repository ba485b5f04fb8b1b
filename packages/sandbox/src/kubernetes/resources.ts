/** One kind the API serves, as discovery describes it. */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Whether a `status` subresource exists (then status is ignored on the main resource). */
  statusSubresource?: boolean;
  /** The CRD's openAPIV3Schema, when the type comes from a CRD. */
  schema?: Record<string, unknown>;
}

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export function apiVersionOf(
  t: Pick<ResourceType, 'group' | 'version'>,
): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The store keeps one collection per group and plural, whatever the version. */
export function collectionKey(
  t: Pick<ResourceType, 'group' | 'plural'>,
): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

const builtIn = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  kind,
  listKind: `${kind}List`,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

/** The built-in kinds the stand-in serves; anything else arrives as a CustomResourceDefinition. */
export const BUILT_IN_TYPES: ResourceType[] = [
  builtIn('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    statusSubresource: true,
  }),
  builtIn('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  builtIn('', 'v1', 'Secret', 'secrets', true),
  builtIn('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    statusSubresource: true,
    categories: ['all'],
  }),
  builtIn('', 'v1', 'ServiceAccount', 'serviceaccounts', true, {
    shortNames: ['sa'],
  }),
  builtIn('', 'v1', 'Pod', 'pods', true, {
    shortNames: ['po'],
    statusSubresource: true,
    categories: ['all'],
  }),
  builtIn('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  builtIn('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    statusSubresource: true,
    categories: ['all'],
  }),
  builtIn('batch', 'v1', 'Job', 'jobs', true, {
    statusSubresource: true,
    categories: ['all'],
  }),
  builtIn(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    {
      shortNames: ['crd', 'crds'],
      statusSubresource: true,
    },
  ),
];

/** The kinds served now: built-ins plus every established CRD version. */
export class ResourceRegistry {
  private readonly types: ResourceType[] = [...BUILT_IN_TYPES];

  all(): ResourceType[] {
    return [...this.types];
  }

  byPlural(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    return this.types.find(
      t => t.group === group && t.version === version && t.plural === plural,
    );
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    return this.types.find(
      t => t.group === group && t.version === version && t.kind === kind,
    );
  }

  /** Group name -> served versions, in registration order (the first is preferred). */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const t of this.types) {
      if (!t.group) continue;
      const versions = out.get(t.group) ?? [];
      if (!versions.includes(t.version)) versions.push(t.version);
      out.set(t.group, versions);
    }
    return out;
  }

  /** Replaces the versions registered by the CRD named `crdName` (`<plural>.<group>`). */
  setCrdTypes(crdName: string, types: ResourceType[]): void {
    this.removeCrd(crdName);
    this.types.push(...types);
  }

  removeCrd(crdName: string): void {
    for (let i = this.types.length - 1; i >= 0; i--) {
      const t = this.types[i];
      if (!BUILT_IN_TYPES.includes(t) && collectionKey(t) === crdName)
        this.types.splice(i, 1);
    }
  }
}

/** Reads the served versions of a CustomResourceDefinition object; throws a message naming the bad field. */
export function typesFromCrd(crd: Record<string, any>): ResourceType[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const problems: string[] = [];
  if (typeof spec.group !== 'string' || !spec.group)
    problems.push('spec.group: Required value');
  if (typeof names.plural !== 'string' || !names.plural)
    problems.push('spec.names.plural: Required value');
  if (typeof names.kind !== 'string' || !names.kind)
    problems.push('spec.names.kind: Required value');
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    problems.push(
      'spec.scope: Unsupported value: must be "Namespaced" or "Cluster"',
    );
  if (!Array.isArray(spec.versions) || spec.versions.length === 0)
    problems.push('spec.versions: Required value');
  if (crd.metadata?.name !== `${names.plural}.${spec.group}`) {
    problems.push(
      `metadata.name: Invalid value: must be spec.names.plural+"."+spec.group`,
    );
  }
  if (problems.length) throw new Error(problems.join('; '));
  return (spec.versions as any[])
    .filter(v => v.served !== false)
    .map(v => ({
      group: spec.group,
      version: String(v.name),
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      singular: names.singular ?? String(names.kind).toLowerCase(),
      namespaced: spec.scope === 'Namespaced',
      shortNames: names.shortNames,
      categories: names.categories,
      statusSubresource: !!v.subresources?.status,
      schema: v.schema?.openAPIV3Schema ?? {},
    }));
}
