import type { Entity } from '@backstage/catalog-model';
import { createPlugin } from '@backstage/core-plugin-api';
import { isForgejoAvailable as isAvailable } from '@edp/plugin-forgejo-common';
import {
  entityBackendApiFactory,
  lazyEntityComponentsOf,
} from '@edp/plugin-edp-react';
import { ForgejoBackendClient, forgejoApiRef } from './api';

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
  apis: [entityBackendApiFactory(forgejoApiRef, ForgejoBackendClient)],
});

const lazy = lazyEntityComponentsOf(
  forgejoPlugin,
  () => import('./components'),
);

/** Overview card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isForgejoAvailable}>`. @public */
export const EntityForgejoOverviewCard = lazy('ForgejoOverviewCard');

/** CI card for legacy entity pages. @public */
export const EntityForgejoCiCard = lazy('ForgejoCiCard');

/** The "Forgejo" tab's content, for an `EntityLayout.Route` at `/forgejo`. @public */
export const EntityForgejoContent = lazy('ForgejoContent');
