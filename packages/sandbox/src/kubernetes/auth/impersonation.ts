import type { IncomingHttpHeaders } from 'node:http';
import type { KubeCluster } from '../store/cluster';
import {
  forbidden,
  authorize,
  serviceAccountUser,
  type UserInfo,
} from './rbac';

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

const list = (v: string | string[] | undefined) =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v : [v]).flatMap(s => s.split(','));

/**
 * The user a request acts as: the authenticated one, or the one it impersonates with
 * `Impersonate-User` / `Impersonate-Group` (`kubectl --as`, `--as-group`), which the API server
 * allows only when RBAC grants the caller `impersonate` on that user (or service account) and on
 * each group; otherwise 403 like `users "bob" is forbidden: User "x" cannot impersonate resource
 * "users" in API group "" at the cluster scope`.
 */
export function impersonated(
  cluster: KubeCluster,
  caller: UserInfo,
  headers: IncomingHttpHeaders,
): UserInfo {
  const user = headers['impersonate-user'];
  const groups = list(headers['impersonate-group']).map(g => g.trim());
  if (user === undefined && groups.length === 0) return caller;
  const username = Array.isArray(user) ? user[0] : user ?? '';
  const account = SERVICE_ACCOUNT.exec(username);
  const check = (a: Parameters<typeof authorize>[2]) => {
    if (!authorize(cluster, caller, a).allowed) throw forbidden(caller, a);
  };
  if (account)
    check({
      verb: 'impersonate',
      apiGroup: '',
      resource: 'serviceaccounts',
      namespace: account[1],
      name: account[2],
    });
  else
    check({
      verb: 'impersonate',
      apiGroup: '',
      resource: 'users',
      name: username,
    });
  for (const group of groups)
    check({
      verb: 'impersonate',
      apiGroup: '',
      resource: 'groups',
      name: group,
    });
  const base = account
    ? serviceAccountUser(account[1], account[2])
    : { username, groups: ['system:authenticated'] };
  return {
    username,
    groups: [...new Set([...groups, ...base.groups])],
  };
}
