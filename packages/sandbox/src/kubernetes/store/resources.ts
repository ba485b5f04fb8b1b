import builtinKinds from '../builtin/kinds.json';
import type { DerivedKind } from '../builtin/derive';
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
  /** The verbs discovery lists; every verb when absent (custom resources). */
  verbs?: string[];
  /** Whether a `status` subresource exists (then status is ignored on the main resource). */
  statusSubresource?: boolean;
  /** Whether a `scale` subresource exists (autoscaling/v1 Scale over spec.replicas). */
  scaleSubresource?: boolean;
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

/** Discovery data no OpenAPI spec carries: short names and categories, as a real API server lists them. */
const DISCOVERY_EXTRAS: Record<
  string,
  Pick<ResourceType, 'shortNames' | 'categories'>
> = {
  componentstatuses: { shortNames: ['cs'] },
  configmaps: { shortNames: ['cm'] },
  endpoints: { shortNames: ['ep'] },
  events: { shortNames: ['ev'] },
  'events.events.k8s.io': { shortNames: ['ev'] },
  limitranges: { shortNames: ['limits'] },
  namespaces: { shortNames: ['ns'] },
  nodes: { shortNames: ['no'] },
  persistentvolumeclaims: { shortNames: ['pvc'] },
  persistentvolumes: { shortNames: ['pv'] },
  pods: { shortNames: ['po'], categories: ['all'] },
  replicationcontrollers: { shortNames: ['rc'], categories: ['all'] },
  resourcequotas: { shortNames: ['quota'] },
  serviceaccounts: { shortNames: ['sa'] },
  services: { shortNames: ['svc'], categories: ['all'] },
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'validatingwebhookconfigurations.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'validatingadmissionpolicies.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'validatingadmissionpolicybindings.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'customresourcedefinitions.apiextensions.k8s.io': {
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
  },
  'apiservices.apiregistration.k8s.io': { categories: ['api-extensions'] },
  'daemonsets.apps': { shortNames: ['ds'], categories: ['all'] },
  'deployments.apps': { shortNames: ['deploy'], categories: ['all'] },
  'replicasets.apps': { shortNames: ['rs'], categories: ['all'] },
  'statefulsets.apps': { shortNames: ['sts'], categories: ['all'] },
  'horizontalpodautoscalers.autoscaling': {
    shortNames: ['hpa'],
    categories: ['all'],
  },
  'cronjobs.batch': { shortNames: ['cj'], categories: ['all'] },
  'jobs.batch': { categories: ['all'] },
  'certificatesigningrequests.certificates.k8s.io': { shortNames: ['csr'] },
  'ingresses.networking.k8s.io': { shortNames: ['ing'] },
  'networkpolicies.networking.k8s.io': { shortNames: ['netpol'] },
  'ipaddresses.networking.k8s.io': { shortNames: ['ip'] },
  'poddisruptionbudgets.policy': { shortNames: ['pdb'] },
  'priorityclasses.scheduling.k8s.io': { shortNames: ['pc'] },
  'storageclasses.storage.k8s.io': { shortNames: ['sc'] },
  'volumeattributesclasses.storage.k8s.io': { shortNames: ['vac'] },
};

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first (v2 before v1). */
function versionPriority(a: string, b: string): number {
  const rank = (v: string) => {
    const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
    if (!m) return [0, 0, 0];
    const level = { alpha: 1, beta: 2 }[m[2] ?? ''] ?? 3;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i] - x[i];
  return 0;
}

/**
 * Every stable built-in kind of the release `kinds.json` was derived from (see `builtin/derive.ts`);
 * anything else arrives as a CustomResourceDefinition. Core first, then groups by name, each
 * group's preferred version first.
 */
export const BUILT_IN_TYPES: ResourceType[] = (builtinKinds as DerivedKind[])
  .map(k => ({
    group: k.group,
    version: k.version,
    kind: k.kind,
    listKind: `${k.kind}List`,
    plural: k.plural,
    singular: k.kind.toLowerCase(),
    namespaced: k.namespaced,
    verbs: k.verbs,
    statusSubresource: !!k.subresources.status,
    scaleSubresource: !!k.subresources.scale,
    ...DISCOVERY_EXTRAS[collectionKey(k)],
  }))
  .sort(
    (a, b) =>
      (a.group === '' ? -1 : 0) - (b.group === '' ? -1 : 0) ||
      a.group.localeCompare(b.group) ||
      versionPriority(a.version, b.version),
  );

/** The kinds served now: built-ins plus every established CRD version. */
export class ResourceRegistry {
  private readonly types: ResourceType[] = [...BUILT_IN_TYPES];
  /** Counts changes to the served kinds, so derived documents know when to rebuild. */
  generation = 0;

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
    this.generation++;
  }

  removeCrd(crdName: string): void {
    for (let i = this.types.length - 1; i >= 0; i--) {
      const t = this.types[i];
      if (!BUILT_IN_TYPES.includes(t) && collectionKey(t) === crdName)
        this.types.splice(i, 1);
    }
    this.generation++;
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
