import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Loads entities as the caller sees them and checks the ArgoCD permissions against them. */
export class EntityAccess {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * Reads the entity with the caller's credentials (so a hidden entity is a 404, like a missing one)
   * and requires `permission` on it (403 otherwise). `alsoCheck` permissions are decided in the same
   * authorize call (one round trip to the permission backend) and returned as booleans.
   */
  async require(
    ref: { kind: string; namespace: string; name: string },
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
    alsoCheck: ResourcePermission<'catalog-entity'>[] = [],
  ): Promise<{ entity: Entity; allowed: boolean[] }> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(
        `No entity ${entityRef} (or it is not visible to you)`,
      );
    const resourceRef = stringifyEntityRef(entity);
    const decisions = await this.permissions.authorize(
      [permission, ...alsoCheck].map(p => ({ permission: p, resourceRef })),
      { credentials },
    );
    if (decisions[0].result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to use ${permission.name} on ${entityRef}`,
      );
    }
    return {
      entity,
      allowed: decisions.slice(1).map(d => d.result === AuthorizeResult.ALLOW),
    };
  }
}
