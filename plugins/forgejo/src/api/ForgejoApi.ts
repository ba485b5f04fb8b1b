import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ForgejoCiRuns,
  ForgejoCommitItem,
  ForgejoDispatchOptions,
  ForgejoDispatchRequest,
  ForgejoDispatchResult,
  ForgejoIssueItem,
  ForgejoOverview,
  ForgejoPage,
  ForgejoPullRequestItem,
  ForgejoReleaseItem,
} from '@edp/plugin-forgejo-common';

/**
 * Options of one card request.
 * @public
 */
export interface ForgejoRequestOptions {
  /** Skip the backend's cached answer (the cards' Retry button). */
  fresh?: boolean;
  signal?: AbortSignal;
}

/**
 * The list kinds of the Forgejo tab, and their item types.
 * @public
 */
export interface ForgejoListItems {
  pulls: ForgejoPullRequestItem;
  issues: ForgejoIssueItem;
  releases: ForgejoReleaseItem;
  commits: ForgejoCommitItem;
}

/**
 * Reads the Forgejo card data of an entity from the forgejo backend: one request per card.
 * A failure rejects with `ResponseError` (see forgejoProblemOf for what the cards make of it).
 * @public
 */
export interface ForgejoApi {
  getOverview(
    entity: CompoundEntityRef,
    options?: ForgejoRequestOptions,
  ): Promise<ForgejoOverview>;
  getCiRuns(
    entity: CompoundEntityRef,
    options?: ForgejoRequestOptions,
  ): Promise<ForgejoCiRuns>;
  getList<K extends keyof ForgejoListItems>(
    entity: CompoundEntityRef,
    kind: K,
    page: number,
    options?: ForgejoRequestOptions,
  ): Promise<ForgejoPage<ForgejoListItems[K]>>;
  /** What the Run workflow dialog offers at `ref` (the default branch when absent). */
  getDispatchOptions(
    entity: CompoundEntityRef,
    ref?: string,
    options?: ForgejoRequestOptions,
  ): Promise<ForgejoDispatchOptions>;
  /**
   * Starts a workflow (forgejo.workflow.dispatch). A refused request rejects with a ResponseError
   * whose cause is the backend's InputError, naming the field to fix.
   */
  dispatchWorkflow(
    entity: CompoundEntityRef,
    request: ForgejoDispatchRequest,
  ): Promise<ForgejoDispatchResult>;
}

/** @public */
export const forgejoApiRef = createApiRef<ForgejoApi>({
  id: 'plugin.forgejo.api',
});
