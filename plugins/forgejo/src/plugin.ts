import type { Entity } from '@backstage/catalog-model';
import { createPlugin } from '@backstage/core-plugin-api';
import { isForgejoAvailable as isAvailable } from '@edp/plugin-forgejo-common';
import {
  entityBackendApiFactory,
  lazyEntityComponent,
} from '@edp/plugin-edp-react';
import { ForgejoClient, forgejoApiRef } from './api';

/**
 * Whether the Forgejo cards apply to an entity (a `forgejo.org/repo-slug` annotation, or a
 * Forgejo-shaped `backstage.io/source-location`): `<EntitySwitch.Case if={isForgejoAvailable}>`.
 * @public
 */
export const isForgejoAvailable = (entity: Entity): boolean =>
  isAvailable(entity);

/** The Forgejo plugin for apps on the legacy frontend system. @public */
export const forgejoPlugin = createPlugin({
  id: 'forgejo',
  apis: [
    entityBackendApiFactory(
      forgejoApiRef,
      options => new ForgejoClient(options),
    ),
  ],
});

/** Overview card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isForgejoAvailable}>`. @public */
export const EntityForgejoOverviewCard = lazyEntityComponent(
  forgejoPlugin,
  'EntityForgejoOverviewCard',
  () =>
    import('./components/ForgejoOverviewCard').then(m => m.ForgejoOverviewCard),
);

/** CI card for legacy entity pages. @public */
export const EntityForgejoCiCard = lazyEntityComponent(
  forgejoPlugin,
  'EntityForgejoCiCard',
  () => import('./components/ForgejoCiCard').then(m => m.ForgejoCiCard),
);

/** The "Forgejo" tab's content, for an `EntityLayout.Route` at `/forgejo`. @public */
export const EntityForgejoContent = lazyEntityComponent(
  forgejoPlugin,
  'EntityForgejoContent',
  () => import('./components/ForgejoContent').then(m => m.ForgejoContent),
);
