export { forgejoApiRef } from './ForgejoApi';
export type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoRequestOptions,
} from './ForgejoApi';
export { ForgejoBackendClient, ForgejoClient } from './ForgejoBackendClient';
export { forgejoProblemOf, type ForgejoProblem } from './forgejoProblem';
