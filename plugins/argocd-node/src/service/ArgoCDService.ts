import { ArgoCDClient } from '../client/ArgoCDClient';
import type {
  ArgoCDApplication,
  ArgoCDApplicationQuery,
  ArgoCDRevisionMetadata,
} from '../client/types';
import type { ArgoCDCacheSettings, ArgoCDInstanceConfig } from '../config';
import { ArgoCDError, toArgoCDError } from '../errors';
import { parseLabelSelector } from '../selector';
import { SwrCache } from './SwrCache';

/** The result of one instance in a fan-out: its value, or its error beside the others. @public */
export type InstanceOutcome<T> =
  | { instance: string; ok: true; value: T; fetchedAt: number }
  | { instance: string; ok: false; error: ArgoCDError; fetchedAt: number };

/** A configured instance, without its credentials. @public */
export interface ArgoCDInstanceInfo {
  name: string;
  url: string;
  uiUrl: string;
  timeoutMs: number;
}

/**
 * Reads and drives applications on every configured ArgoCD instance.
 * Shared by the backend plugin and the scaffolder actions; answers are cached per instance and
 * query, and concurrent identical requests share one upstream call.
 * @public
 */
export interface ArgoCDService {
  listInstances(): ArgoCDInstanceInfo[];
  /**
   * Runs `query` on all instances, or on `instances` in the given order, in parallel.
   * Never rejects for one instance: each failure is an outcome of its own.
   * @throws LabelSelectorError when `query.selector` is malformed (nothing is sent then).
   */
  findApplications(
    query: ArgoCDApplicationQuery,
    options?: { instances?: string[] },
  ): Promise<InstanceOutcome<ArgoCDApplication[]>[]>;
  getRevisionMetadata(
    instance: string,
    app: string,
    revision: string,
    appNamespace?: string,
  ): Promise<ArgoCDRevisionMetadata>;
  syncApplication(
    instance: string,
    app: string,
    appNamespace?: string,
  ): Promise<ArgoCDApplication>;
  refreshApplication(
    instance: string,
    app: string,
    appNamespace?: string,
  ): Promise<ArgoCDApplication>;
}

const SEP = '\u0000';
const REVISION_TTL_MS = 60 * 60 * 1000;

/** The default ArgoCDService over configured instances. @public */
export class DefaultArgoCDService implements ArgoCDService {
  private readonly clients: Map<string, ArgoCDClient>;
  private readonly lists: SwrCache<ArgoCDApplication[]>;
  private readonly revisions: SwrCache<ArgoCDRevisionMetadata>;

  constructor(instances: ArgoCDInstanceConfig[], cache: ArgoCDCacheSettings) {
    this.clients = new Map(instances.map(i => [i.name, new ArgoCDClient(i)]));
    this.lists = new SwrCache({ ttlMs: cache.ttlMs, staleMs: cache.staleMs });
    // Revision metadata never changes, so it is kept long; failures still expire quickly.
    this.revisions = new SwrCache({
      ttlMs: REVISION_TTL_MS,
      staleMs: 0,
      errorTtlMs: Math.max(1000, cache.ttlMs / 5),
    });
  }

  /** Establishes the sessions of username/password instances in the background. */
  warmUp(): Promise<void> {
    return Promise.all(
      [...this.clients.values()].map(c => c.ensureSession()),
    ).then(() => undefined);
  }

  listInstances(): ArgoCDInstanceInfo[] {
    return [...this.clients.values()].map(({ instance }) => ({
      name: instance.name,
      url: instance.url,
      uiUrl: instance.uiUrl,
      timeoutMs: instance.timeoutMs,
    }));
  }

  async findApplications(
    query: ArgoCDApplicationQuery,
    options: { instances?: string[] } = {},
  ): Promise<InstanceOutcome<ArgoCDApplication[]>[]> {
    const normalized: ArgoCDApplicationQuery = {
      name: query.name || undefined,
      selector: query.selector ? parseLabelSelector(query.selector) : undefined,
      projects: query.projects?.length ? [...query.projects].sort() : undefined,
      appNamespace: query.appNamespace || undefined,
    };
    const names = options.instances ?? [...this.clients.keys()];
    const queryKey = JSON.stringify(normalized);
    const settled = await Promise.allSettled(
      names.map(async name => {
        const client = this.client(name);
        const cached = await this.lists.get(
          `${name}${SEP}list${SEP}${queryKey}`,
          () => client.listApplications(normalized),
        );
        if (!cached.outcome.ok) throw cached.outcome.error;
        return { value: cached.outcome.value, fetchedAt: cached.fetchedAt };
      }),
    );
    return settled.map((result, i) =>
      result.status === 'fulfilled'
        ? { instance: names[i], ok: true, ...result.value }
        : {
            instance: names[i],
            ok: false,
            error: toArgoCDError(names[i], result.reason),
            fetchedAt: Date.now(),
          },
    );
  }

  async getRevisionMetadata(
    instance: string,
    app: string,
    revision: string,
    appNamespace?: string,
  ) {
    const client = this.client(instance);
    const key = [instance, 'revision', appNamespace ?? '', app, revision].join(
      SEP,
    );
    const cached = await this.revisions.get(key, () =>
      client.getRevisionMetadata(app, revision, appNamespace),
    );
    if (!cached.outcome.ok) throw toArgoCDError(instance, cached.outcome.error);
    return cached.outcome.value;
  }

  async syncApplication(instance: string, app: string, appNamespace?: string) {
    try {
      return await this.client(instance).syncApplication(app, appNamespace);
    } finally {
      this.lists.invalidate(`${instance}${SEP}`);
    }
  }

  async refreshApplication(
    instance: string,
    app: string,
    appNamespace?: string,
  ) {
    try {
      return await this.client(instance).refreshApplication(app, appNamespace);
    } finally {
      this.lists.invalidate(`${instance}${SEP}`);
    }
  }

  private client(name: string): ArgoCDClient {
    const client = this.clients.get(name);
    if (!client) {
      const known = [...this.clients.keys()];
      throw new ArgoCDError({
        instance: name,
        reason: 'unknown-instance',
        message: `No ArgoCD instance named "${name}" is configured (configured: ${
          known.length ? known.join(', ') : 'none'
        })`,
      });
    }
    return client;
  }
}
