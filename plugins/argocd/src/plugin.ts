import { createPlugin } from '@backstage/core-plugin-api';
import { ARGOCD_PLUGIN_ID } from '@edp/plugin-argocd-common';
import {
  entityBackendApiFactory,
  lazyEntityComponentsOf,
} from '@edp/plugin-edp-react';
import { argocdApiRef } from './api/ArgoCDApi';
import { ArgoCDBackendClient } from './api/ArgoCDBackendClient';

/** The plugin for apps on the legacy frontend system. @public */
export const argocdPlugin = createPlugin({
  id: ARGOCD_PLUGIN_ID,
  apis: [entityBackendApiFactory(argocdApiRef, ArgoCDBackendClient)],
});

const lazy = lazyEntityComponentsOf(argocdPlugin, () => import('./components'));

/** Overview card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isArgocdAvailable}>`. @public */
export const EntityArgoCDOverviewCard = lazy('ArgoCDOverviewCard');

/** Deployment history card for legacy entity pages. @public */
export const EntityArgoCDHistoryCard = lazy('ArgoCDHistoryCard');

/** The resources tab for legacy entity pages (an `EntityLayout.Route` at `/argocd`). @public */
export const EntityArgoCDResourcesContent = lazy('ArgoCDResourcesContent');
