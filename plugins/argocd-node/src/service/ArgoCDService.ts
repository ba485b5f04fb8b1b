import type { CacheService } from '@backstage/backend-plugin-api';
import { UpstreamCache } from '@edp/plugin-edp-cache-node';
import { ArgoCDClient } from '../client/ArgoCDClient';
import type {
  ArgoCDApplication,
  ArgoCDApplicationQuery,
  ArgoCDApplicationTree,
  ArgoCDEvent,
  ArgoCDResourceDiff,
  ArgoCDRevisionMetadata,
} from '../client/types';
import type { ArgoCDCacheSettings, ArgoCDInstanceConfig } from '../config';
import { ArgoCDError, toArgoCDError } from '../errors';
import { deserializeError, type SerializedError } from '@backstage/errors';
import type { ArgoCDInstanceErrorReason } from '@edp/plugin-argocd-common';
import { parseLabelSelector } from '../selector';

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
  /** The live objects of an application and their children; cached like the lists. */
  getResourceTree(
    instance: string,
    app: string,
    appNamespace?: string,
  ): Promise<ArgoCDApplicationTree>;
  /** Git's and the cluster's state of each managed resource; cached like the lists. */
  getManagedResources(
    instance: string,
    app: string,
    appNamespace?: string,
  ): Promise<ArgoCDResourceDiff[]>;
  /** Kubernetes events of the application and its resources; cached like the lists. */
  listApplicationEvents(
    instance: string,
    app: string,
    appNamespace?: string,
  ): Promise<ArgoCDEvent[]>;
  /** Redeploys history entry `id`, optionally turning automated sync off first. */
  rollbackApplication(
    instance: string,
    app: string,
    id: number,
    options?: { appNamespace?: string; disableAutomatedSync?: boolean },
  ): Promise<ArgoCDApplication>;
}

const SEP = '\u0000';
const REVISION_TTL_MS = 60 * 60 * 1000;

/** Rebuilds an ArgoCDError kept by the cache (a Redis store keeps errors as JSON). */
function reviveArgoCDError(stored: SerializedError): Error {
  if (stored.name !== 'ArgoCDError') return deserializeError(stored);
  const { instance, reason, status } = stored as SerializedError & {
    instance: string;
    reason: ArgoCDInstanceErrorReason;
    status?: number;
  };
  return new ArgoCDError({ instance, reason, status, message: stored.message });
}

/**
 * The default ArgoCDService over configured instances. Answers are kept in the given
 * CacheService (shared by every replica when it is Redis), keyed by instance and query.
 * @public
 */
export class DefaultArgoCDService implements ArgoCDService {
  private readonly clients: Map<string, ArgoCDClient>;
  private readonly lists: UpstreamCache;
  private readonly revisions: UpstreamCache;

  constructor(
    instances: ArgoCDInstanceConfig[],
    settings: ArgoCDCacheSettings,
    cache: CacheService,
  ) {
    this.clients = new Map(instances.map(i => [i.name, new ArgoCDClient(i)]));
    // Failures are kept too (shorter), so a dead instance is not asked again by every page view.
    const errorTtlMs = Math.min(
      settings.ttlMs,
      Math.max(1000, settings.ttlMs / 5),
    );
    this.lists = new UpstreamCache(cache, {
      ttlMs: settings.ttlMs,
      staleMs: settings.staleMs,
      errorTtlMs,
      reviveError: reviveArgoCDError,
      sharedStore: settings.sharedStore,
    });
    // Revision metadata never changes, so it is kept long; failures still expire quickly.
    this.revisions = new UpstreamCache(cache, {
      ttlMs: REVISION_TTL_MS,
      errorTtlMs: Math.max(1000, settings.ttlMs / 5),
      reviveError: reviveArgoCDError,
      sharedStore: settings.sharedStore,
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
        const cached = await this.lists.get<ArgoCDApplication[]>(
          `list${SEP}${name}${SEP}${queryKey}`,
          () => client.listApplications(normalized),
          { group: name },
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
    const key = ['revision', instance, appNamespace ?? '', app, revision].join(
      SEP,
    );
    const cached = await this.revisions.get<ArgoCDRevisionMetadata>(key, () =>
      client.getRevisionMetadata(app, revision, appNamespace),
    );
    if (!cached.outcome.ok) throw toArgoCDError(instance, cached.outcome.error);
    return cached.outcome.value;
  }

  async syncApplication(instance: string, app: string, appNamespace?: string) {
    try {
      return await this.client(instance).syncApplication(app, appNamespace);
    } finally {
      await this.lists.invalidateGroup(instance);
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
      await this.lists.invalidateGroup(instance);
    }
  }

  getResourceTree(instance: string, app: string, appNamespace?: string) {
    return this.appRead<ArgoCDApplicationTree>(
      'tree',
      instance,
      app,
      appNamespace,
      client => client.getResourceTree(app, appNamespace),
    );
  }

  getManagedResources(instance: string, app: string, appNamespace?: string) {
    return this.appRead<ArgoCDResourceDiff[]>(
      'managed',
      instance,
      app,
      appNamespace,
      client => client.getManagedResources(app, appNamespace),
    );
  }

  listApplicationEvents(instance: string, app: string, appNamespace?: string) {
    return this.appRead<ArgoCDEvent[]>(
      'events',
      instance,
      app,
      appNamespace,
      client => client.listEvents(app, appNamespace),
    );
  }

  async rollbackApplication(
    instance: string,
    app: string,
    id: number,
    options: { appNamespace?: string; disableAutomatedSync?: boolean } = {},
  ) {
    const client = this.client(instance);
    try {
      if (options.disableAutomatedSync)
        await client.disableAutomatedSync(app, options.appNamespace);
      return await client.rollbackApplication(app, id, options.appNamespace);
    } finally {
      await this.lists.invalidateGroup(instance);
    }
  }

  /** One application's read, in the lists' cache and group, so a sync or rollback drops it too. */
  private async appRead<T>(
    kind: string,
    instance: string,
    app: string,
    appNamespace: string | undefined,
    load: (client: ArgoCDClient) => Promise<T>,
  ): Promise<T> {
    const client = this.client(instance);
    const key = [kind, instance, appNamespace ?? '', app].join(SEP);
    const cached = await this.lists.get<T>(key, () => load(client), {
      group: instance,
    });
    if (!cached.outcome.ok) throw toArgoCDError(instance, cached.outcome.error);
    return cached.outcome.value;
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
