import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ForgejoCiSource } from '@edp/plugin-forgejo-common';
import type {
  ForgejoApiActionRunList,
  ForgejoApiActionTaskList,
  ForgejoApiCombinedStatus,
} from './apiTypes';
import { isForgejoError } from './errors';
import type { ForgejoRepoRef } from './hosts';
import type { ForgejoCallOptions, ForgejoClient } from './ForgejoClient';

/**
 * CI activity of a repository, tagged with the API it came from.
 * @public
 */
export type CiListing =
  | { source: 'runs'; data: ForgejoApiActionRunList }
  | { source: 'tasks'; data: ForgejoApiActionTaskList }
  | { source: 'statuses'; branch: string; data: ForgejoApiCombinedStatus };

/**
 * A 404 on an Actions endpoint cannot tell "this Forgejo has no such API" from "Actions are off in this
 * repository", so the commit-status fallback is only remembered for a while; a positive answer forever.
 */
const FALLBACK_MEMORY_MS = 10 * 60_000;

const isMissingEndpoint = (e: unknown) =>
  isForgejoError(e) && (e.upstreamStatus === 404 || e.upstreamStatus === 405);

/**
 * Detects, once per host, which CI API the server has: `actions/runs` (Forgejo 12+), `actions/tasks`
 * (Forgejo 8+), else commit statuses. The probe is the real request, so detection costs no extra call.
 * @internal
 */
export class CiCapabilities {
  private readonly known = new Map<
    string,
    { source: ForgejoCiSource; until: number }
  >();

  constructor(
    private readonly client: ForgejoClient,
    private readonly logger?: LoggerService,
  ) {}

  /** What was detected for a host, if anything (for diagnostics and tests). */
  detected(host: string): ForgejoCiSource | undefined {
    const entry = this.known.get(host);
    return entry && entry.until > Date.now() ? entry.source : undefined;
  }

  async list(
    ref: ForgejoRepoRef,
    request: { limit?: number; defaultBranch?: string },
    options?: ForgejoCallOptions,
  ): Promise<CiListing> {
    const order: ForgejoCiSource[] = ['runs', 'tasks', 'statuses'];
    const known = this.detected(ref.host);
    const candidates = known ? [known] : order;
    for (const source of candidates) {
      try {
        const listing = await this.fetch(source, ref, request, options);
        if (!known) this.remember(ref.host, source);
        return listing;
      } catch (e) {
        const last = source === candidates[candidates.length - 1];
        if (last || !isMissingEndpoint(e)) throw e;
      }
    }
    throw new Error('unreachable: the last candidate either returns or throws');
  }

  private remember(host: string, source: ForgejoCiSource) {
    const until =
      source === 'statuses' ? Date.now() + FALLBACK_MEMORY_MS : Infinity;
    this.known.set(host, { source, until });
    this.logger?.info(
      `Forgejo host ${host}: CI data from ${
        source === 'statuses' ? 'commit statuses' : `actions/${source}`
      }`,
    );
  }

  private async fetch(
    source: ForgejoCiSource,
    ref: ForgejoRepoRef,
    request: { limit?: number; defaultBranch?: string },
    options?: ForgejoCallOptions,
  ): Promise<CiListing> {
    const page = { page: 1, limit: request.limit ?? 10 };
    if (source === 'runs') {
      return {
        source,
        data: await this.client.listActionRuns(ref, page, options),
      };
    }
    if (source === 'tasks') {
      return {
        source,
        data: await this.client.listActionTasks(ref, page, options),
      };
    }
    const branch =
      request.defaultBranch ??
      (await this.client.getRepository(ref, options)).default_branch ??
      'main';
    return {
      source,
      branch,
      data: await this.client.getCombinedStatus(ref, branch, options),
    };
  }
}
