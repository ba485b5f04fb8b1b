import { InstanceAuth } from './auth';
import { notFound } from './errors';
import type { ArgoCdObjectStore } from './objectStore';
import type { RevisionCatalog } from './seeds';
import type { ArgoCdInstanceSettings, ArgoCdSettings } from './settings';
import type { ApplicationStore } from './store';
import {
  CONTROL_PLANE_NAMESPACE,
  type Application,
  type RevisionMetadata,
} from './types';

/** Requests one instance received, in total and per API operation (for benchmarks). */
export class RequestCounter {
  total = 0;
  byRoute: Record<string, number> = {};

  count(method: string, path: string) {
    const route = `${method} ${routeTemplate(path)}`;
    this.total++;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  reset() {
    this.total = 0;
    this.byRoute = {};
  }

  snapshot() {
    return { total: this.total, byRoute: { ...this.byRoute } };
  }
}

/** `/api/v1/applications/web-shop/sync` -> `/api/v1/applications/{name}/sync`. */
export function routeTemplate(path: string): string {
  const m = /^\/api\/v1\/applications\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return path;
  const rest = (m[2] ?? '').replace(
    /^\/revisions\/[^/]+\/metadata$/,
    '/revisions/{revision}/metadata',
  );
  return `/api/v1/applications/{name}${rest}`;
}

/** Everything one running ArgoCD instance is made of; the HTTP routes and the controller share it. */
export class ArgoCdInstance {
  readonly auth: InstanceAuth;
  readonly requests = new RequestCounter();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly settings: ArgoCdInstanceSettings,
    readonly global: ArgoCdSettings,
    readonly store: ApplicationStore,
    readonly catalog: RevisionCatalog,
    /** Projects, clusters and repositories (in memory, or in the Kubernetes stand-in with its store). */
    readonly objects: ArgoCdObjectStore,
  ) {
    this.auth = new InstanceAuth({
      accounts: settings.accounts,
      tokens: settings.tokens,
      sessionTtlMs: global.sessionTtlMs,
    });
  }

  get name() {
    return this.settings.name;
  }

  /**
   * Reads, changes and writes one Application, one change at a time per Application, so the API
   * and the controller never overwrite each other's update. `change` may return undefined to skip the write.
   */
  async mutate(
    name: string,
    namespace: string | undefined,
    change: (
      app: Application,
    ) => Application | undefined | Promise<Application | undefined>,
  ): Promise<Application> {
    const key = `${namespace || CONTROL_PLANE_NAMESPACE}/${name}`;
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const app = await this.store.get(name, namespace);
        if (!app) throw notFound(name);
        const changed = await change(app);
        return changed ? this.store.upsert(changed) : app;
      });
    this.locks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key);
    }
  }

  /** Resolves once `predicate` holds for the Application (checked now and on every change), or after `timeoutMs`. */
  async waitFor(
    name: string,
    namespace: string | undefined,
    predicate: (app: Application) => boolean,
    timeoutMs: number,
  ) {
    const ns = namespace || CONTROL_PLANE_NAMESPACE;
    await new Promise<void>(resolve => {
      const handles: {
        timer?: NodeJS.Timeout;
        unsubscribe?: () => void;
        settled?: boolean;
      } = {};
      const finish = () => {
        if (handles.settled) return;
        handles.settled = true;
        clearTimeout(handles.timer);
        handles.unsubscribe?.();
        resolve();
      };
      handles.timer = setTimeout(finish, timeoutMs);
      handles.unsubscribe = this.store.subscribe(change => {
        const m = change.application.metadata;
        if (
          m.name === name &&
          (m.namespace || CONTROL_PLANE_NAMESPACE) === ns &&
          predicate(change.application)
        )
          finish();
      });
      void this.store.get(name, namespace).then(app => {
        if (!app || predicate(app)) finish();
      });
    });
  }

  /** Metadata of a revision of the app's source: from the store (git) first, else from the seeded catalog. */
  async revisionMetadata(
    app: Application,
    revision: string,
  ): Promise<RevisionMetadata | undefined> {
    const fromStore = await this.store.revisionMetadata?.(app, revision);
    if (fromStore) return fromStore;
    const sources =
      app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
    for (const source of sources) {
      const metadata = this.catalog.metadata(source.repoURL, revision);
      if (metadata) return metadata;
    }
    return undefined;
  }
}
