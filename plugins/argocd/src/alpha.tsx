import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ARGOCD_PLUGIN_ID, isArgocdAvailable } from '@edp/plugin-argocd-common';
import { extensionsOf } from '@edp/plugin-edp-react/alpha';
import { argocdApiRef } from './api/ArgoCDApi';
import { ArgoCDBackendClient } from './api/ArgoCDBackendClient';

const components = () => import('./components');
const { api, card, content, all } = extensionsOf(isArgocdAvailable, components);

/** @alpha */
export const argocdApi = api(argocdApiRef, ArgoCDBackendClient);

/** The overview card on entities with `argocd/app-name` or `argocd/app-selector`. @alpha */
export const argocdOverviewCard = card('overview', 'ArgoCDOverviewCard');

/** The deployment history card. @alpha */
export const argocdHistoryCard = card('history', 'ArgoCDHistoryCard');

/**
 * The resources tab: each application's resource tree, events and desired-vs-live diffs, loaded
 * when an application (or a diff) is opened. @alpha
 */
export const argocdResourcesContent = content(
  'resources',
  'ArgoCDResourcesContent',
  { path: '/argocd', title: 'ArgoCD', group: 'deployment' },
);

/**
 * The EDP ArgoCD plugin for the new frontend system. Its id, `edp-argocd`, differs from Roadie's
 * (`argocd`) and the community's, so a portal can migrate with both installed.
 * @public
 */
export default createFrontendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  title: 'ArgoCD',
  info: { packageJson: () => import('../package.json') },
  extensions: all(),
});
