import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  registerApplicationStoreFactory,
  type ApplicationChange,
  type ApplicationStore,
} from './store';
import { CONTROL_PLANE_NAMESPACE, type Application } from './types';

const copy = <T>(value: T): T => structuredClone(value);
const keyOf = (name: string, namespace?: string) =>
  `${namespace || CONTROL_PLANE_NAMESPACE}/${name}`;

/** An ApplicationStore kept in memory; what the ArgoCD stand-in uses unless configured otherwise. */
export class InMemoryApplicationStore implements ApplicationStore {
  private readonly apps = new Map<string, Application>();
  private readonly listeners = new Set<(change: ApplicationChange) => void>();
  private resourceVersion = 0;

  constructor(seed: Application[] = []) {
    for (const app of seed) this.write(app, false);
  }

  async list(): Promise<Application[]> {
    return [...this.apps.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, app]) => copy(app));
  }

  async get(
    name: string,
    namespace?: string,
  ): Promise<Application | undefined> {
    const app = this.apps.get(keyOf(name, namespace));
    return app && copy(app);
  }

  async upsert(application: Application): Promise<Application> {
    return copy(this.write(application, true));
  }

  async delete(name: string, namespace?: string): Promise<boolean> {
    const key = keyOf(name, namespace);
    const app = this.apps.get(key);
    if (!app) return false;
    this.apps.delete(key);
    this.notify({ type: 'DELETED', application: app });
    return true;
  }

  subscribe(listener: (change: ApplicationChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(input: Application, notify: boolean): Application {
    if (!input?.metadata?.name)
      throw new Error('argocd store: an Application needs metadata.name');
    const app = copy(input);
    const namespace = app.metadata.namespace || CONTROL_PLANE_NAMESPACE;
    const key = keyOf(app.metadata.name, namespace);
    const previous = this.apps.get(key);
    app.apiVersion = 'argoproj.io/v1alpha1';
    app.kind = 'Application';
    app.metadata.namespace = namespace;
    app.metadata.uid =
      previous?.metadata.uid ?? app.metadata.uid ?? randomUUID();
    app.metadata.creationTimestamp =
      previous?.metadata.creationTimestamp ??
      app.metadata.creationTimestamp ??
      new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const specChanged =
      !previous || !isDeepStrictEqual(previous.spec, app.spec);
    app.metadata.generation =
      (previous?.metadata.generation ?? app.metadata.generation ?? 0) +
      (specChanged ? 1 : 0);
    app.metadata.resourceVersion = String(++this.resourceVersion);
    this.apps.set(key, app);
    if (notify)
      this.notify({ type: previous ? 'MODIFIED' : 'ADDED', application: app });
    return app;
  }

  private notify(change: ApplicationChange) {
    for (const listener of [...this.listeners]) {
      try {
        listener({ type: change.type, application: copy(change.application) });
      } catch {
        // A failing listener must not stop the others or the write that triggered it.
      }
    }
  }
}

registerApplicationStoreFactory(
  'memory',
  async ctx => new InMemoryApplicationStore(ctx.seed),
);
