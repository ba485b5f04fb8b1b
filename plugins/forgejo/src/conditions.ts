import type { Entity } from '@backstage/catalog-model';
import { isForgejoAvailable as isAvailable } from '@edp/plugin-forgejo-common';

/**
 * Whether the Forgejo cards apply to an entity (a `forgejo.org/repo-slug` annotation, or a Forgejo-shaped
 * `backstage.io/source-location`). Use it to show the cards conditionally.
 * @public
 */
export const isForgejoAvailable = (entity: Entity): boolean =>
  isAvailable(entity);
