import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ARGOCD_PLUGIN_ID } from '@edp/plugin-argocd-common';
import { argocdApiRef } from './api/ArgoCDApi';
import { ArgoCDClient } from './api/ArgoCDClient';

/** The plugin for apps on the legacy frontend system. @public */
export const argocdPlugin = createPlugin({
  id: ARGOCD_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: argocdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ArgoCDClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** Overview card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isArgocdAvailable}>`. @public */
export const EntityArgoCDOverviewCard = argocdPlugin.provide(
  createComponentExtension({
    name: 'EntityArgoCDOverviewCard',
    component: {
      lazy: () =>
        import('./components/ArgoCDOverviewCard').then(
          m => m.ArgoCDOverviewCard,
        ),
    },
  }),
);

/** Deployment history card for legacy entity pages. @public */
export const EntityArgoCDHistoryCard = argocdPlugin.provide(
  createComponentExtension({
    name: 'EntityArgoCDHistoryCard',
    component: {
      lazy: () =>
        import('./components/ArgoCDHistoryCard').then(m => m.ArgoCDHistoryCard),
    },
  }),
);

/** The resources tab for legacy entity pages (an `EntityLayout.Route` at `/argocd`). @public */
export const EntityArgoCDResourcesContent = argocdPlugin.provide(
  createComponentExtension({
    name: 'EntityArgoCDResourcesContent',
    component: {
      lazy: () =>
        import('./components/ArgoCDResourcesContent').then(
          m => m.ArgoCDResourcesContent,
        ),
    },
  }),
);
