/**
 * Entity cards for ArgoCD (pluginId `edp-argocd`): overview and deployment history across
 * instances, with permission-gated Refresh and Sync.
 *
 * The default export is the new-frontend-system plugin, so the app's feature discovery installs it;
 * the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  argocdPlugin,
  EntityArgoCDOverviewCard,
  EntityArgoCDHistoryCard,
  EntityArgoCDResourcesContent,
} from './plugin';
export {
  argocdApiRef,
  type ArgoCDApi,
  type ArgoCDAppTarget,
} from './api/ArgoCDApi';
export { ArgoCDBackendClient, ArgoCDClient } from './api/ArgoCDBackendClient';
export { isArgocdAvailable } from '@edp/plugin-argocd-common';
