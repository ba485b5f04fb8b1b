export { forgejoApiRef, ForgejoApiError } from './ForgejoApi';
export type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoRequestOptions,
} from './ForgejoApi';
export { ForgejoClient } from './ForgejoClient';
