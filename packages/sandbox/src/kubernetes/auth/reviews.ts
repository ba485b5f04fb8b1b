import { errors } from '../api/errors';
import type { ResourceType } from '../store/resources';

const READ_VERBS = ['get', 'list', 'watch'];

/** Who is asking, as the authentication middleware found out. */
export interface Requester {
  username: string;
  canWrite: boolean;
}

const userInfo = (who: Requester) => ({
  username: who.username,
  groups: ['system:authenticated'],
});

/**
 * The create-only review kinds (`kubectl auth can-i`, `kubectl auth whoami`): answered from the
 * caller's token and never stored, like the real API server. Tokens are all-powerful or read-only,
 * so a review allows every verb for the first and get/list/watch for the second.
 */
export function review(
  type: ResourceType,
  body: Record<string, any>,
  who: Requester,
  knownUser: (token: string) => Requester | undefined,
): Record<string, any> {
  const allows = (r: Requester, verb: string | undefined) =>
    r.canWrite || READ_VERBS.includes(verb ?? '');
  const spec = body.spec ?? {};
  const attributes = spec.resourceAttributes ?? spec.nonResourceAttributes;
  switch (type.kind) {
    case 'SelfSubjectAccessReview':
    case 'LocalSubjectAccessReview':
    case 'SubjectAccessReview': {
      if (!attributes) {
        throw errors.invalid(type.kind, type.group, '', [
          {
            reason: 'FieldValueRequired',
            field: 'spec.resourceAttributes',
            message:
              'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
          },
        ]);
      }
      const subject =
        type.kind === 'SelfSubjectAccessReview'
          ? who
          : { username: spec.user ?? '', canWrite: false };
      const allowed = allows(subject, attributes.verb);
      return {
        ...body,
        status: allowed
          ? { allowed: true, reason: 'the sandbox token may do this' }
          : { allowed: false },
      };
    }
    case 'SelfSubjectRulesReview':
      return {
        ...body,
        status: {
          resourceRules: [
            {
              verbs: who.canWrite ? ['*'] : READ_VERBS,
              apiGroups: ['*'],
              resources: ['*'],
            },
          ],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
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
