import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { forgejoRepositoryReadPermission } from '@edp/plugin-forgejo-common';
import type { ForgejoClient, ForgejoRepoRef } from '@edp/plugin-forgejo-node';
import type { Request } from 'express';

/** The repository of the entity a request names, and the caller's answers to further permissions. */
export interface RepoAccess {
  entityRef: string;
  repo: ForgejoRepoRef;
  credentials: BackstageCredentials;
  /** One decision per permission asked for besides the read, in order. */
  allowed: boolean[];
}

/**
 * Reads the entity of `/entity/:kind/:namespace/:name` with the caller's credentials (hidden entities
 * are 404) and checks `forgejo.repository.read` on it, plus any further permission on the same entity,
 * in one authorize call (resourceRef = the entity ref; a policy may answer the read with the rules of
 * ../permissions). A denied read is a NotAllowedError.
 */
export function createRepoAccess(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  client: ForgejoClient;
}) {
  const { httpAuth, permissions, catalog, client } = deps;
  return async (
    req: Request,
    also: ResourcePermission<'catalog-entity'>[] = [],
  ): Promise<RepoAccess> => {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const asked = stringifyEntityRef({ kind, namespace, name });
    const entity = await catalog.getEntityByRef(asked, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${asked} not found`);
    const entityRef = stringifyEntityRef(entity);
    const [read, ...rest] = await permissions.authorize(
      [forgejoRepositoryReadPermission, ...also].map(permission => ({
        permission,
        resourceRef: entityRef,
      })),
      { credentials },
    );
    if (read.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not see the Forgejo repository of ${asked}: it is private, or the portal's policy does not grant you forgejo.repository.read on it`,
      );
    }
    return {
      entityRef,
      repo: client.resolveRepo(entity),
      credentials,
      allowed: rest.map(d => d.result === AuthorizeResult.ALLOW),
    };
  };
}

/** @internal */
export type RepoAccessFn = ReturnType<typeof createRepoAccess>;
