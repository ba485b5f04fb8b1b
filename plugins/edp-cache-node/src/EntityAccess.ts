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
import { BurstMemo } from './BurstMemo';

/**
 * How long one caller's entity read and decision serve the cards of one page view: a page's cards
 * (and their polls, and a button's action) arrive together, and each would otherwise cost a catalog
 * read and a permission round trip. Short, so a changed permission applies within seconds.
 */
const BURST_MS = 2000;

function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

/**
 * Loads entities as the caller sees them and checks a plugin's entity permissions against them,
 * for the card backends (ArgoCD, Terraform) that act on an entity with server-held credentials.
 *
 * @public
 */
export class EntityAccess {
  private readonly burst = new BurstMemo<{
    entity: Entity;
    allowed: boolean[];
  }>({ ttlMs: BURST_MS });

  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * Reads the entity with the caller's credentials (so a hidden entity is a 404, like a missing one)
   * and requires `permission` on it (403 otherwise). `alsoCheck` permissions are decided in the same
   * authorize call (one round trip to the permission backend) and returned as booleans.
   * Within a page view's burst, the same caller asking the same gets the same answer without
   * asking again; refusals are never remembered.
   */
  require(
    ref: { kind: string; namespace: string; name: string },
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
    alsoCheck: ResourcePermission<'catalog-entity'>[] = [],
  ): Promise<{ entity: Entity; allowed: boolean[] }> {
    const key = [
      callerKey(credentials),
      stringifyEntityRef(ref),
      permission.name,
      ...alsoCheck.map(p => p.name),
    ].join('\u0000');
    return this.burst.get(key, () =>
      this.check(ref, permission, credentials, alsoCheck),
    );
  }

  private async check(
    ref: { kind: string; namespace: string; name: string },
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
    alsoCheck: ResourcePermission<'catalog-entity'>[],
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
