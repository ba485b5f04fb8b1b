import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ForgejoClient,
  ForgejoEntityResource,
} from '@edp/plugin-forgejo-node';
import type { ForgejoCards } from '../services/ForgejoCards';

/**
 * Loads what the permission rules need for each entity ref: the entity (with the plugin's own
 * credentials: the caller's visibility of the entity was already checked by the route) and whether
 * its repository is private, from the cached overview (no extra upstream call on a card view).
 * Anything that cannot be read leaves the visibility unknown, which no rule treats as public.
 */
export function createForgejoEntityLoader(options: {
  catalog: CatalogService;
  auth: AuthService;
  client: ForgejoClient;
  cards: ForgejoCards;
  logger: LoggerService;
}) {
  const { catalog, auth, client, cards, logger } = options;
  return async (
    refs: string[],
  ): Promise<Array<ForgejoEntityResource | undefined>> => {
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    return Promise.all(
      items.map(async entity => {
        if (!entity) return undefined;
        try {
          const overview = await cards.overview(client.resolveRepo(entity));
          return { entity, repositoryPrivate: overview.private };
        } catch (e) {
          logger.debug(
            `forgejo: visibility of the repository of ${
              entity.metadata.name
            } unknown: ${(e as Error).message}`,
          );
          return { entity, repositoryPrivate: undefined };
        }
      }),
    );
  };
}
