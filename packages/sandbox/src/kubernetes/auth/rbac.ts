import type { KubeCluster } from '../store/cluster';
import { KubeApiError } from '../api/errors';

/** Who a request is from, as authentication (or impersonation) found out. */
export interface UserInfo {
  username: string;
  groups: string[];
}

/** What a request does, as the API server's authorizer sees it. */
export interface Attributes {
  verb: string;
  /** Resource requests. */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** '' or undefined: cluster-scoped, or every namespace. */
  namespace?: string;
  /** Non-resource requests (`/healthz`, `/version`). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`. */
  reason?: string;
}

/** The group the API server lets do everything without asking RBAC (its own admin credential). */
export const SUPERUSER_GROUP = 'system:masters';

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

type Obj = Record<string, any>;

const matches = (list: string[] | undefined, value: string) =>
  !!list && (list.includes('*') || list.includes(value));

function subjectMatches(
  subject: Subject,
  user: UserInfo,
  bindingNamespace: string,
): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return (
        user.username ===
        `system:serviceaccount:${subject.namespace ?? bindingNamespace}:${
          subject.name
        }`
      );
    default:
      return false;
  }
}

/** Whether one rule grants the request (the rules of rbac/v1 PolicyRule, as the RBAC authorizer reads them). */
export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!matches(rule.verbs, a.verb)) return false;
  if (a.path !== undefined)
    return (rule.nonResourceURLs ?? []).some(
      u =>
        u === '*' ||
        u === a.path ||
        (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))),
    );
  if (!matches(rule.apiGroups, a.apiGroup ?? '')) return false;
  const resource = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource ?? '';
  const resources = rule.resources ?? [];
  const resourceOk =
    resources.includes('*') ||
    resources.includes(resource) ||
    (a.subresource !== undefined && resources.includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  if (!rule.resourceNames?.length) return true;
  return !!a.name && rule.resourceNames.includes(a.name);
}

/** One binding that applies to the user, with the rules of the role it refers to. */
interface Grant {
  rules: PolicyRule[];
  /** Where the rules hold: '' for every namespace and cluster-scoped requests. */
  namespace: string;
  describe: (subject: Subject) => string;
}

function grantsFor(
  cluster: KubeCluster,
  user: UserInfo,
  namespace: string | undefined,
): Array<Grant & { subject: Subject }> {
  const rbac = 'rbac.authorization.k8s.io/v1';
  const roleOf = (ref: Obj, ns: string): Obj | undefined => {
    if (ref?.kind === 'ClusterRole')
      return cluster.find(
        cluster.type(rbac, 'ClusterRole'),
        undefined,
        ref.name,
      );
    if (ref?.kind === 'Role' && ns)
      return cluster.find(cluster.type(rbac, 'Role'), ns, ref.name);
    return undefined;
  };
  const out: Array<Grant & { subject: Subject }> = [];
  const collect = (binding: Obj, kind: string, ns: string) => {
    const subject = (binding.subjects ?? []).find((s: Subject) =>
      subjectMatches(s, user, ns),
    );
    if (!subject) return;
    const role = roleOf(binding.roleRef, ns);
    if (!role) return;
    const bindingName = ns
      ? `${binding.metadata.name}/${ns}`
      : binding.metadata.name;
    const roleName =
      binding.roleRef.kind === 'Role'
        ? `${binding.roleRef.name}/${ns}`
        : binding.roleRef.name;
    out.push({
      rules: role.rules ?? [],
      namespace: ns,
      subject,
      describe: s =>
        `RBAC: allowed by ${kind} "${bindingName}" of ${
          binding.roleRef.kind
        } "${roleName}" to ${s.kind} "${
          s.kind === 'ServiceAccount'
            ? `${s.name}/${s.namespace ?? ns}`
            : s.name
        }"`,
    });
  };
  for (const b of cluster.list(cluster.type(rbac, 'ClusterRoleBinding'), '')
    .items)
    collect(b, 'ClusterRoleBinding', '');
  if (namespace)
    for (const b of cluster.list(cluster.type(rbac, 'RoleBinding'), namespace)
      .items)
      collect(b, 'RoleBinding', namespace);
  return out;
}

/**
 * The RBAC authorizer: allowed when a ClusterRoleBinding (anywhere) or a RoleBinding in the
 * request's namespace binds the user, one of its groups or its service account to a role with a
 * rule granting the verb on the resource. `system:masters` may do everything, as on a real API
 * server. ClusterRole aggregation is not evaluated.
 */
export function authorize(
  cluster: KubeCluster,
  user: UserInfo,
  a: Attributes,
): Decision {
  if (user.groups.includes(SUPERUSER_GROUP))
    return { allowed: true, reason: '' };
  for (const g of grantsFor(cluster, user, a.namespace || undefined)) {
    if (g.rules.some(r => ruleAllows(r, a)))
      return { allowed: true, reason: g.describe(g.subject) };
  }
  return { allowed: false, reason: '' };
}

/** The rules that hold for the user in a namespace (SelfSubjectRulesReview, `kubectl auth can-i --list`). */
export function rulesFor(
  cluster: KubeCluster,
  user: UserInfo,
  namespace: string,
): { resourceRules: PolicyRule[]; nonResourceRules: PolicyRule[] } {
  const rules: PolicyRule[] = user.groups.includes(SUPERUSER_GROUP)
    ? [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ]
    : grantsFor(cluster, user, namespace || undefined).flatMap(g => g.rules);
  const pick = (r: PolicyRule, keys: Array<keyof PolicyRule>) =>
    Object.fromEntries(keys.filter(k => r[k]).map(k => [k, r[k]]));
  return {
    resourceRules: rules
      .filter(r => r.resources?.length)
      .map(r => pick(r, ['verbs', 'apiGroups', 'resources', 'resourceNames'])),
    nonResourceRules: rules
      .filter(r => r.nonResourceURLs?.length)
      .map(r => pick(r, ['verbs', 'nonResourceURLs'])),
  };
}

/** The API server's 403 for a request RBAC does not allow, naming user, verb, resource and scope. */
export function forbidden(user: UserInfo, a: Attributes): KubeApiError {
  const resource = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource ?? '';
  const group = a.apiGroup ?? '';
  const where = a.namespace
    ? ` in the namespace "${a.namespace}"`
    : ' at the cluster scope';
  const qualified = group ? `${resource}.${group}` : resource;
  const what = a.name ? `${qualified} "${a.name}"` : qualified;
  return new KubeApiError(
    403,
    'Forbidden',
    `${what} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${group}"${where}`,
    {
      ...(a.name ? { name: a.name } : {}),
      group,
      kind: resource,
    },
  );
}

/** Throws the API server's 403 unless RBAC allows the request. */
export function requireAllowed(
  cluster: KubeCluster,
  user: UserInfo,
  a: Attributes,
): void {
  if (!authorize(cluster, user, a).allowed) throw forbidden(user, a);
}

/** The users of the sandbox's configured tokens. */
export const ADMIN_USER: UserInfo = {
  username: 'sandbox-admin',
  groups: [SUPERUSER_GROUP, 'system:authenticated'],
};
export const READER_USER = 'sandbox-reader';
export const READER: UserInfo = {
  username: READER_USER,
  groups: ['system:authenticated'],
};

const RBAC_API = 'rbac.authorization.k8s.io/v1';

/**
 * The bootstrap policy a sandbox starts with: `cluster-admin` bound to `system:masters` (the
 * sandbox's own admin tokens), `system:basic-user` (every authenticated user may ask what it may
 * do) and `sandbox:reader` for the read-only tokens (get, list and watch of everything).
 */
export function bootstrapRbac(cluster: KubeCluster): void {
  const role = cluster.type(RBAC_API, 'ClusterRole');
  const binding = cluster.type(RBAC_API, 'ClusterRoleBinding');
  const ensure = (type: typeof role, obj: Obj) => {
    if (!cluster.find(type, undefined, obj.metadata.name))
      cluster.create(type, undefined, obj, { fieldManager: 'sandbox' });
  };
  const policy: Array<[string, PolicyRule[], Subject]> = [
    [
      'cluster-admin',
      [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
      { kind: 'Group', name: SUPERUSER_GROUP },
    ],
    [
      'system:basic-user',
      [
        {
          apiGroups: ['authorization.k8s.io'],
          resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
          verbs: ['create'],
        },
        {
          apiGroups: ['authentication.k8s.io'],
          resources: ['selfsubjectreviews'],
          verbs: ['create'],
        },
      ],
      { kind: 'Group', name: 'system:authenticated' },
    ],
    [
      'sandbox:reader',
      [
        { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { nonResourceURLs: ['*'], verbs: ['get'] },
      ],
      { kind: 'User', name: READER_USER },
    ],
  ];
  for (const [name, rules, subject] of policy) {
    const labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
    ensure(role, { metadata: { name, labels }, rules });
    ensure(binding, {
      metadata: { name, labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [
        subject.kind === 'ServiceAccount'
          ? subject
          : { ...subject, apiGroup: 'rbac.authorization.k8s.io' },
      ],
    });
  }
}

/** The user a service account's token authenticates as. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
  };
}
