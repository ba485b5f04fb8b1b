/**
 * Entity cards for Forgejo repositories (pluginId `forgejo`): overview, CI with Run workflow, and
 * the "Forgejo" tab.
 *
 * The default export is the new-frontend-system plugin, so the app's feature discovery installs it;
 * the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  forgejoPlugin,
  EntityForgejoOverviewCard,
  EntityForgejoCiCard,
  EntityForgejoContent,
  isForgejoAvailable,
} from './plugin';
export {
  forgejoApiRef,
  ForgejoBackendClient,
  ForgejoClient,
  forgejoProblemOf,
} from './api';
export type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoProblem,
  ForgejoRequestOptions,
} from './api';
export {
  ForgejoOverviewCard,
  ForgejoCiCard,
  ForgejoContent,
  ForgejoErrorState,
} from './components';
