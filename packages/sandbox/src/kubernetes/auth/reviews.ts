import type { KubeCluster } from '../store/cluster';
import { errors } from '../api/errors';
import type { ResourceType } from '../store/resources';
import { authorize, rulesFor, type Attributes, type UserInfo } from './rbac';

type Obj = Record<string, any>;

const userInfo = (who: UserInfo) => ({
  username: who.username,
  groups: who.groups,
});

/** The request attributes of an access review's spec, as the authorizer sees them. */
function attributesOf(type: ResourceType, body: Obj): Attributes {
  const spec = body.spec ?? {};
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  if (!r === !n) {
    throw errors.invalid(type.kind, type.group, '', [
      {
        reason: 'FieldValueRequired',
        field: 'spec.resourceAttributes',
        message:
          'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ]);
  }
  if (n) return { verb: String(n.verb ?? ''), path: String(n.path ?? '') };
  return {
    verb: String(r.verb ?? ''),
    apiGroup: r.group ?? '',
    resource: r.resource ?? '',
    subresource: r.subresource || undefined,
    name: r.name || undefined,
    namespace:
      type.kind === 'LocalSubjectAccessReview'
        ? body.metadata?.namespace
        : r.namespace || undefined,
  };
}

/**
 * The create-only review kinds (`kubectl auth can-i`, `kubectl auth whoami`, TokenReview):
 * answered with the same RBAC evaluation that guards every request, and never stored, like the
 * real API server. `who` is the caller (after impersonation, so `kubectl auth can-i --as` asks
 * for the impersonated user).
 */
export function review(
  cluster: KubeCluster,
  type: ResourceType,
  body: Obj,
  who: UserInfo,
  knownUser: (token: string) => UserInfo | undefined,
): Obj {
  const spec = body.spec ?? {};
  switch (type.kind) {
    case 'SelfSubjectAccessReview':
    case 'LocalSubjectAccessReview':
    case 'SubjectAccessReview': {
      const attributes = attributesOf(type, body);
      const subject =
        type.kind === 'SelfSubjectAccessReview'
          ? who
          : {
              username: String(spec.user ?? ''),
              groups: Array.isArray(spec.groups) ? spec.groups : [],
            };
      const decision = authorize(cluster, subject, attributes);
      return {
        ...body,
        status: decision.allowed
          ? {
              allowed: true,
              ...(decision.reason ? { reason: decision.reason } : {}),
            }
          : { allowed: false },
      };
    }
    case 'SelfSubjectRulesReview':
      return {
        ...body,
        status: {
          ...rulesFor(cluster, who, String(spec.namespace ?? '')),
          incomplete: false,
        },
      };
    case 'SelfSubjectReview':
      return { ...body, status: { userInfo: userInfo(who) } };
    case 'TokenReview': {
      const subject = knownUser(String(spec.token ?? ''));
      return {
        ...body,
        status: subject
          ? {
              authenticated: true,
              user: userInfo(subject),
              audiences: spec.audiences,
            }
          : { authenticated: false, error: 'invalid bearer token' },
      };
    }
    default:
      throw errors.methodNotAllowed('POST');
  }
}
