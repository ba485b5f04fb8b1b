/**
 * Entity cards for Forgejo repositories.
 *
 * The default export is the plugin for the new frontend system (picked up by feature discovery);
 * the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { forgejoFrontendPlugin as default } from './plugin';
export {
  forgejoPlugin,
  EntityForgejoOverviewCard,
  EntityForgejoCiCard,
  EntityForgejoContent,
} from './legacy';
export { isForgejoAvailable } from './conditions';
export { forgejoApiRef, ForgejoClient, ForgejoApiError } from './api';
export type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoRequestOptions,
} from './api';
export {
  ForgejoOverviewCard,
  ForgejoCiCard,
  ForgejoContent,
  ForgejoErrorState,
} from './components';
