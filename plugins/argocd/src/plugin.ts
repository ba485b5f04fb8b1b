import { createPlugin } from '@backstage/core-plugin-api';
import { ARGOCD_PLUGIN_ID } from '@edp/plugin-argocd-common';
import {
  entityBackendApiFactory,
  lazyEntityComponent,
} from '@edp/plugin-edp-react';
import { argocdApiRef } from './api/ArgoCDApi';
import { ArgoCDClient } from './api/ArgoCDClient';

/** The plugin for apps on the legacy frontend system. @public */
export const argocdPlugin = createPlugin({
  id: ARGOCD_PLUGIN_ID,
  apis: [
    entityBackendApiFactory(argocdApiRef, options => new ArgoCDClient(options)),
  ],
});

/** Overview card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isArgocdAvailable}>`. @public */
export const EntityArgoCDOverviewCard = lazyEntityComponent(
  argocdPlugin,
  'EntityArgoCDOverviewCard',
  () =>
    import('./components/ArgoCDOverviewCard').then(m => m.ArgoCDOverviewCard),
);

/** Deployment history card for legacy entity pages. @public */
export const EntityArgoCDHistoryCard = lazyEntityComponent(
  argocdPlugin,
  'EntityArgoCDHistoryCard',
  () => import('./components/ArgoCDHistoryCard').then(m => m.ArgoCDHistoryCard),
);

/** The resources tab for legacy entity pages (an `EntityLayout.Route` at `/argocd`). @public */
export const EntityArgoCDResourcesContent = lazyEntityComponent(
  argocdPlugin,
  'EntityArgoCDResourcesContent',
  () =>
    import('./components/ArgoCDResourcesContent').then(
      m => m.ArgoCDResourcesContent,
    ),
);
