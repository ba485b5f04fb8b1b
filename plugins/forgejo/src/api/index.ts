export { forgejoApiRef } from './ForgejoApi';
export type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoRequestOptions,
} from './ForgejoApi';
export { ForgejoClient } from './ForgejoClient';
export { forgejoProblemOf, type ForgejoProblem } from './forgejoProblem';
