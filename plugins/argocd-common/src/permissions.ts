import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// All permissions are checked against the entity whose applications are shown (resourceRef = the
// entity ref), so a policy can decide per entity, e.g. only owners may sync. The resource type is
// the catalog's own `catalog-entity`, imported from Backstage.

/** Viewing the ArgoCD applications of an entity (overview, history). @public */
export const argocdApplicationReadPermission = createPermission({
  name: 'argocd.application.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Asking ArgoCD to sync or refresh an application of an entity. @public */
export const argocdApplicationSyncPermission = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Rolling an application of an entity back to an earlier deployment (and turning its automated
 * sync off when the user asks to, which a rollback needs). Separate from sync: going back is a
 * bigger step than deploying what git says. @public
 */
export const argocdApplicationRollbackPermission = createPermission({
  name: 'argocd.application.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the ArgoCD plugins, for registration. @public */
export const argocdPermissions = [
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
  argocdApplicationRollbackPermission,
];
