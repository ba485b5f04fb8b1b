import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ARGOCD_PLUGIN_ID, isArgocdAvailable } from '@edp/plugin-argocd-common';
import { argocdApiRef } from '../api/ArgoCDApi';
import { ArgoCDClient } from '../api/ArgoCDClient';

/** @alpha */
export const argocdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: argocdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ArgoCDClient({ discoveryApi, fetchApi }),
    }),
});

/** The overview card on entities with `argocd/app-name` or `argocd/app-selector`. @alpha */
export const argocdOverviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: isArgocdAvailable,
    loader: () =>
      import('../components/ArgoCDOverviewCard').then(m => (
        <m.ArgoCDOverviewCard />
      )),
  },
});

/** The deployment history card. @alpha */
export const argocdHistoryCard = EntityCardBlueprint.make({
  name: 'history',
  params: {
    type: 'content',
    filter: isArgocdAvailable,
    loader: () =>
      import('../components/ArgoCDHistoryCard').then(m => (
        <m.ArgoCDHistoryCard />
      )),
  },
});

/**
 * The resources tab: each application's resource tree, events and desired-vs-live diffs, loaded
 * when an application (or a diff) is opened. @alpha
 */
export const argocdResourcesContent = EntityContentBlueprint.make({
  name: 'resources',
  params: {
    path: '/argocd',
    title: 'ArgoCD',
    group: 'deployment',
    filter: isArgocdAvailable,
    loader: () =>
      import('../components/ArgoCDResourcesContent').then(m => (
        <m.ArgoCDResourcesContent />
      )),
  },
});

/**
 * The EDP ArgoCD plugin for the new frontend system. Its id, `edp-argocd`, differs from Roadie's
 * (`argocd`) and the community's, so a portal can migrate with both installed.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  title: 'ArgoCD',
  extensions: [
    argocdApi,
    argocdOverviewCard,
    argocdHistoryCard,
    argocdResourcesContent,
  ],
});
