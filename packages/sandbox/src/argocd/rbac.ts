import type { Principal } from './auth';
import { ArgoError } from './errors';

/**
 * ArgoCD's built-in roles as the stand-in knows them: `role:admin` may do anything,
 * `role:readonly` may only `get`; accounts limited to some projects see only those projects'
 * applications and projects. `object` is what ArgoCD's RBAC names: `<project>/<app>` for
 * applications, the project name for projects, a URL for clusters and repositories.
 */
export function can(
  principal: Principal,
  resource: string,
  action: string,
  object: string,
): boolean {
  if (principal.role !== 'admin' && action !== 'get') return false;
  if (!principal.projects) return true;
  if (resource === 'applications' || resource === 'logs')
    return principal.projects.includes(object.split('/')[0] || 'default');
  if (resource === 'projects') return principal.projects.includes(object);
  return true;
}

/** Throws ArgoCD's 403 (`permission denied: <resource>, <action>, <object>, sub: <user>`) unless allowed. */
export function enforce(
  principal: Principal,
  resource: string,
  action: string,
  object: string,
): void {
  if (!can(principal, resource, action, object))
    throw new ArgoError(
      'PermissionDenied',
      `permission denied: ${resource}, ${action}, ${object}, sub: ${principal.username}`,
    );
}
