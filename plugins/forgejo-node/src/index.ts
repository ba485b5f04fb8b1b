/**
 * Typed forgejo client and service ref shared by backends and actions
 *
 * @packageDocumentation
 */
export * from './apiTypes';
export type { CiListing } from './capabilities';
export { isForgejoError } from './errors';
export type { ForgejoError, ForgejoErrorDetails } from './errors';
export type { ForgejoPushRequest, ForgejoPushResult } from './git/pushContent';
export { ForgejoClient } from './ForgejoClient';
export type {
  ForgejoCallOptions,
  ForgejoClientOptions,
  ForgejoDispatchableWorkflows,
  ForgejoDispatchedRun,
} from './ForgejoClient';
export {
  FORGEJO_WORKFLOW_DIRECTORIES,
  isWorkflowFile,
  parseDispatchableWorkflow,
} from './workflows';
export { ForgejoHosts } from './hosts';
export type { ForgejoHost, ForgejoRepoRef } from './hosts';
export type { ForgejoRequestOptions, ForgejoResponse } from './http';
export {
  FORGEJO_MAX_PAGE_SIZE,
  normalizePage,
  readTotalCount,
  toPagedResult,
} from './pagination';
export type { PageRequest, PagedResult } from './pagination';
export { forgejoClientServiceRef } from './serviceRef';
export {
  createForgejoEntityConditionalDecision,
  forgejoEntityConditions,
  forgejoEntityPermissionResourceRef,
  forgejoEntityRules,
  publicOrOwnedBy,
} from './permissions';
export type { ForgejoEntityQuery, ForgejoEntityResource } from './permissions';
