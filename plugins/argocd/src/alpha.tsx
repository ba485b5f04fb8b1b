import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ARGOCD_PLUGIN_ID, isArgocdAvailable } from '@edp/plugin-argocd-common';
import {
  entityBackendApiExtension,
  lazyEntityCard,
  lazyEntityContent,
} from '@edp/plugin-edp-react/alpha';
import { argocdApiRef } from './api/ArgoCDApi';
import { ArgoCDClient } from './api/ArgoCDClient';

/** @alpha */
export const argocdApi = entityBackendApiExtension(
  argocdApiRef,
  options => new ArgoCDClient(options),
);

/** The overview card on entities with `argocd/app-name` or `argocd/app-selector`. @alpha */
export const argocdOverviewCard = lazyEntityCard({
  name: 'overview',
  filter: isArgocdAvailable,
  load: () =>
    import('./components/ArgoCDOverviewCard').then(m => m.ArgoCDOverviewCard),
});

/** The deployment history card. @alpha */
export const argocdHistoryCard = lazyEntityCard({
  name: 'history',
  filter: isArgocdAvailable,
  load: () =>
    import('./components/ArgoCDHistoryCard').then(m => m.ArgoCDHistoryCard),
});

/**
 * The resources tab: each application's resource tree, events and desired-vs-live diffs, loaded
 * when an application (or a diff) is opened. @alpha
 */
export const argocdResourcesContent = lazyEntityContent({
  name: 'resources',
  path: '/argocd',
  title: 'ArgoCD',
  group: 'deployment',
  filter: isArgocdAvailable,
  load: () =>
    import('./components/ArgoCDResourcesContent').then(
      m => m.ArgoCDResourcesContent,
    ),
});

/**
 * The EDP ArgoCD plugin for the new frontend system. Its id, `edp-argocd`, differs from Roadie's
 * (`argocd`) and the community's, so a portal can migrate with both installed.
 * @public
 */
export default createFrontendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  title: 'ArgoCD',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    argocdApi,
    argocdOverviewCard,
    argocdHistoryCard,
    argocdResourcesContent,
  ],
});
