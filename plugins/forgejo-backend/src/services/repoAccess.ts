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
import { BurstMemo } from '@edp/plugin-edp-cache-node';
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
/**
 * How long one caller's entity read and decisions serve a page view's burst: the overview and CI
 * cards (and their polls) arrive together, and each would otherwise cost a catalog read and a
 * permission round trip. Short, so a changed permission applies within seconds; refusals and
 * missing entities are never remembered.
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

export function createRepoAccess(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  client: ForgejoClient;
}) {
  const { httpAuth, permissions, catalog, client } = deps;
  const burst = new BurstMemo<Omit<RepoAccess, 'credentials'>>({
    ttlMs: BURST_MS,
  });
  return async (
    req: Request,
    also: ResourcePermission<'catalog-entity'>[] = [],
  ): Promise<RepoAccess> => {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const asked = stringifyEntityRef({ kind, namespace, name });
    const key = [callerKey(credentials), asked, ...also.map(p => p.name)].join(
      '\u0000',
    );
    const decided = await burst.get(key, () =>
      decide(asked, credentials, also),
    );
    return { ...decided, credentials };
  };

  async function decide(
    asked: string,
    credentials: BackstageCredentials,
    also: ResourcePermission<'catalog-entity'>[],
  ): Promise<Omit<RepoAccess, 'credentials'>> {
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
      allowed: rest.map(d => d.result === AuthorizeResult.ALLOW),
    };
  }
}

/** @internal */
export type RepoAccessFn = ReturnType<typeof createRepoAccess>;
