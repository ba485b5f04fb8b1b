import type { Application } from '../argocd/types';
import { clearSpecErrors, recordSpecErrors } from '../argocd/specErrorStatus';
import type { SpecCondition } from '../argocd/validation';
import type { KubeCluster, StoreEvent } from '../kubernetes';
import { deepClone, deepEqual } from '../kubernetes/store/patch';
import { applyDesired, CONTROLLER_MANAGER } from './applyDesired';
import {
  applyOrder,
  compare,
  prepareDesired,
  TRACKING_ANNOTATION,
  trackedObjects,
  type DesiredObject,
} from './compare';
import type { GitSources } from './git';
import { renderSources, sourcesOf } from './sources';
import {
  recordComparison,
  recordComparisonError,
  recordOperationEnd,
  recordOperationStart,
  REFRESH_ANNOTATION,
  stamp,
  summary,
} from './status';

export const APPLICATIONS = 'applications.argoproj.io';
const APP_PROJECTS = 'appprojects.argoproj.io';
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export interface ReconcilerOptions {
  /** How long a sync stays Running (health Progressing) before it reports Succeeded/Healthy. */
  reconcileDelayMs: number;
  /** Every Application is compared again this often (new commits, drift). */
  resyncIntervalMs: number;
  git: GitSources;
  /** Where charts fetched from Helm repositories are unpacked. */
  cacheDir: string;
  /**
   * What ArgoCD's controller finds wrong with an Application's spec (project, permitted sources
   * and destination): non-empty stops the comparison and records InvalidSpecError conditions.
   */
  specConditions?: (app: Application) => Promise<SpecCondition[]>;
  log(message: string): void;
}

const keyOf = (ns: string, name: string) => `${ns}/${name}`;

/**
 * ArgoCD's comparison levels: `latest` resolves the target revision again (a new or changed
 * Application, an operation, a refresh, the periodic resync); `recent` compares the live objects
 * with the manifests of the revision compared last (one of its managed objects changed), without
 * going to git, as ArgoCD's controller does for CompareWithRecent.
 */
type Level = 'latest' | 'recent';

/** What the desired state was rendered from: the sources and the destination namespace. */
const renderedFrom = (app: Record<string, any>) =>
  JSON.stringify([
    app.spec?.source ?? app.spec?.sources,
    app.spec?.destination?.namespace,
  ]);

/** A copy of rendered objects: a sync hands them to the cluster, the cached ones stay as rendered. */
const copyOf = (desired: DesiredObject[]) =>
  desired.map(d => ({ ...d, object: deepClone(d.object) }));

/** What makes an Application worth reconciling again; the controller's own status writes leave it unchanged. */
function triggerOf(app: Record<string, any>): string {
  return JSON.stringify([
    app.spec,
    app.operation,
    app.metadata.annotations?.[REFRESH_ANNOTATION],
    app.metadata.deletionTimestamp,
    app.metadata.finalizers,
  ]);
}

/**
 * ArgoCD's application controller over the Kubernetes stand-in: for each Application it fetches the
 * source with git, reads the plain manifests, compares them with the live objects, and syncs by
 * server-side apply when asked (`operation`) or when automated sync (and selfHeal) says so.
 */
export class ApplicationReconciler {
  private readonly triggers = new Map<string, string>();
  private readonly running = new Set<string>();
  private readonly pending = new Map<string, Level>();
  /** The manifests each Application was last compared with, for `recent` comparisons. */
  private readonly lastLoaded = new Map<
    string,
    { from: string; revision: string; desired: DesiredObject[] }
  >();
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  /** Runs in progress (git fetches, syncs), so that stop() can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();
  private unsubscribe?: () => void;
  private resync?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly options: ReconcilerOptions,
  ) {}

  private get type() {
    return this.cluster.type('argoproj.io/v1alpha1', 'Application');
  }

  start(): void {
    this.unsubscribe = this.cluster.store.subscribe(e => this.onEvent(e));
    for (const app of this.cluster.list(this.type, undefined).items)
      this.enqueue(keyOf(app.metadata.namespace, app.metadata.name));
    this.resync = setInterval(() => {
      for (const app of this.cluster.list(this.type, undefined).items)
        this.enqueue(keyOf(app.metadata.namespace, app.metadata.name));
    }, this.options.resyncIntervalMs);
    this.resync.unref?.();
  }

  /**
   * Stops reacting to changes and waits for the runs in progress to end (a sync's delay ends at
   * once): until then a git fetch may still be writing the repository cache, which the sandbox
   * removes right after its stand-ins have stopped.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.resync);
    for (const [t, wake] of this.sleepers) {
      clearTimeout(t);
      wake();
    }
    this.sleepers.clear();
    await Promise.all([...this.inFlight]);
  }

  private onEvent(e: StoreEvent): void {
    if (e.collection === APPLICATIONS) {
      const key = keyOf(e.namespace, e.object.metadata.name);
      if (e.type === 'DELETED') {
        this.triggers.delete(key);
        this.lastLoaded.delete(key);
        return;
      }
      const trigger = triggerOf(e.object);
      if (this.triggers.get(key) === trigger) return;
      this.triggers.set(key, trigger);
      this.enqueue(key);
      return;
    }
    if (e.collection === APP_PROJECTS) {
      // As ArgoCD's project informer: the Applications of a changed project are checked again.
      for (const app of this.cluster.list(this.type, undefined).items)
        if ((app.spec?.project || 'default') === e.object.metadata.name)
          this.enqueue(keyOf(app.metadata.namespace, app.metadata.name));
      return;
    }
    // A change to an object an Application manages: compare again (and self-heal when enabled).
    const tracking = e.object.metadata?.annotations?.[TRACKING_ANNOTATION];
    if (typeof tracking === 'string') {
      const id = tracking.split(':')[0];
      const [ns, name] = id.includes('_') ? id.split('_') : ['argocd', id];
      this.enqueue(keyOf(ns, name), 'recent');
    }
  }

  /** Reconciles one Application at a time per key; a change during a run schedules one more run. */
  enqueue(key: string, level: Level = 'latest'): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      if (this.pending.get(key) !== 'latest') this.pending.set(key, level);
      return;
    }
    this.running.add(key);
    const run: Promise<void> = this.reconcile(key, level)
      .catch(e =>
        this.options.log(`reconcile ${key} failed: ${(e as Error).message}`),
      )
      .finally(() => {
        this.inFlight.delete(run);
        this.running.delete(key);
        const next = this.pending.get(key);
        if (next) {
          this.pending.delete(key);
          this.enqueue(key, next);
        }
      });
    this.inFlight.add(run);
  }

  /** Read-modify-write of one Application, in one tick, so no other write can come between. */
  private write(
    ns: string,
    name: string,
    change: (app: Record<string, any>) => boolean | void,
  ): Record<string, any> | undefined {
    const app = this.cluster.find(this.type, ns, name);
    // After stop(), runs still in flight (a git fetch) end without touching anything.
    if (!app || this.stopped) return undefined;
    const next = deepClone(app);
    if (change(next) === false) return app;
    delete next.metadata.resourceVersion;
    const stored = this.cluster.update(this.type, ns, name, next, {
      fieldManager: CONTROLLER_MANAGER,
    });
    this.triggers.set(keyOf(ns, name), triggerOf(stored));
    return stored;
  }

  private async reconcile(key: string, level: Level): Promise<void> {
    const [ns, name] = key.split('/');
    const app = this.cluster.find(this.type, ns, name);
    if (!app) return;
    if (app.metadata.deletionTimestamp) {
      this.finalize(ns, name);
      return;
    }
    const invalid = await this.options.specConditions?.(app as Application);
    if (invalid?.length) {
      // As ArgoCD: an Application written straight to Kubernetes skipped the API server's checks,
      // so the controller reports what is wrong instead of comparing or syncing it.
      let changed = false;
      this.write(
        ns,
        name,
        a => (changed = recordSpecErrors(a as Application, invalid)),
      );
      if (changed)
        this.options.log(
          `${ns}/${name}: ${invalid.map(c => c.message).join('; ')}`,
        );
      return;
    }
    if (app.status?.conditions?.some((c: any) => c.type === 'InvalidSpecError'))
      this.write(ns, name, a => clearSpecErrors(a as Application));
    const ref = { name, namespace: ns };
    // The whole source (or list of sources), as ArgoCD records it in the status and the history.
    const source = app.spec?.source ?? app.spec?.sources;
    const force = !!app.metadata.annotations?.[REFRESH_ANNOTATION];
    let revision: string;
    let desired: DesiredObject[];
    const from = renderedFrom(app);
    const recent = this.lastLoaded.get(key);
    if (level === 'recent' && !force && recent?.from === from) {
      revision = recent.revision;
      desired = copyOf(recent.desired);
    } else {
      try {
        ({ revision, desired } = await this.load(app, undefined, force));
      } catch (e) {
        this.lastLoaded.delete(key);
        this.comparisonError(ns, name, (e as Error).message);
        return;
      }
      this.lastLoaded.set(key, { from, revision, desired: copyOf(desired) });
    }

    const current = this.cluster.find(this.type, ns, name);
    if (!current) return;
    const { synced } = compare(this.cluster, desired, ref);
    const automated = current.spec?.syncPolicy?.automated;
    const auto = automated && automated.enabled !== false;
    const last = current.status?.operationState;
    const lastRevision = last?.syncResult?.revision;
    const sameTarget =
      lastRevision === revision &&
      deepEqual(last?.syncResult?.source ?? last?.syncResult?.sources, source);
    const requested = current.operation?.sync ? current.operation : undefined;
    const autoSync =
      auto &&
      !synced &&
      !(last?.phase === 'Running') &&
      (!sameTarget || (automated.selfHeal && last?.phase === 'Succeeded'));
    const single =
      sourcesOf(current).length === 1 ? sourcesOf(current)[0] : undefined;
    if (
      single &&
      requested?.sync?.revision &&
      requested.sync.revision !== single.targetRevision
    ) {
      // A sync to another revision than the target (the API's `revision`): read that one instead.
      try {
        ({ revision, desired } = await this.load(
          current,
          requested.sync.revision,
          false,
        ));
      } catch (e) {
        this.comparisonError(ns, name, (e as Error).message);
        return;
      }
    }
    if (requested || autoSync) {
      await this.sync(
        ns,
        name,
        desired,
        revision,
        source,
        requested ?? {
          sync: { revision },
          initiatedBy: {
            username: 'argocd-application-controller',
            automated: true,
          },
        },
      );
      return;
    }
    this.writeComparison(ns, name, desired, revision, source);
  }

  /** Fetches and renders the sources (plain, Kustomize, Helm; multi-source) into what they want applied, in apply order. */
  private async load(
    app: Record<string, any>,
    revisionOverride: string | undefined,
    force: boolean,
  ): Promise<{ revision: string; desired: DesiredObject[] }> {
    const rendered = await renderSources({
      app,
      git: this.options.git,
      cacheDir: this.options.cacheDir,
      revisionOverride,
      force,
    });
    const ref = { name: app.metadata.name, namespace: app.metadata.namespace };
    const destNs = app.spec?.destination?.namespace || 'default';
    const desired = prepareDesired(
      this.cluster,
      rendered.manifests,
      ref,
      destNs,
    ).sort((a, b) => applyOrder(a) - applyOrder(b));
    return { revision: rendered.revision, desired };
  }

  /** Records the comparison (sync status, resources, health) when it changed or a refresh asked for it. */
  private writeComparison(
    ns: string,
    name: string,
    desired: DesiredObject[],
    revision: string,
    source: Record<string, any>,
  ) {
    const ref = { name, namespace: ns };
    this.write(ns, name, app =>
      recordComparison(
        app,
        compare(this.cluster, desired, ref),
        revision,
        source,
        summary(desired),
      ),
    );
  }

  private comparisonError(ns: string, name: string, message: string) {
    let changed = false;
    this.write(
      ns,
      name,
      app => (changed = recordComparisonError(app, message)),
    );
    if (changed) this.options.log(`${ns}/${name}: ${message}`);
  }

  private async sync(
    ns: string,
    name: string,
    desired: DesiredObject[],
    revision: string,
    source: Record<string, any>,
    operation: Record<string, any>,
  ) {
    const ref = { name, namespace: ns };
    const startedAt = stamp();
    const dryRun = !!operation.sync?.dryRun;
    const started = this.write(ns, name, app =>
      recordOperationStart(app, operation, startedAt, dryRun),
    );
    if (!started) return;
    const syncOptions: string[] = [
      ...(started.spec?.syncPolicy?.syncOptions ?? []),
      ...(operation.sync?.syncOptions ?? []),
    ];
    const destNs = started.spec?.destination?.namespace;
    const { results, failure } = applyDesired(this.cluster, desired, {
      ref,
      dryRun,
      prune:
        !!operation.sync?.prune || !!started.spec?.syncPolicy?.automated?.prune,
      createNamespace: syncOptions.includes('CreateNamespace=true')
        ? destNs
        : undefined,
    });
    if (this.options.reconcileDelayMs > 0 && !dryRun)
      await this.sleep(this.options.reconcileDelayMs);

    this.write(ns, name, app =>
      recordOperationEnd(app, compare(this.cluster, desired, ref), {
        operation,
        startedAt,
        revision,
        source,
        results,
        failure,
        dryRun,
        summary: summary(desired),
      }),
    );
    this.options.log(
      `${ns}/${name}: sync ${
        failure ? `failed: ${failure}` : `succeeded at ${revision.slice(0, 7)}`
      }`,
    );
  }

  /** Deleting an Application with the resources finalizer deletes what it manages first. */
  private finalize(ns: string, name: string) {
    const app = this.cluster.find(this.type, ns, name);
    if (!app?.metadata.finalizers?.includes(RESOURCES_FINALIZER)) return;
    for (const o of trackedObjects(this.cluster, { name, namespace: ns })) {
      try {
        this.cluster.delete(
          this.cluster.type(o.apiVersion, o.kind),
          o.namespace,
          o.name,
        );
      } catch {
        // already gone
      }
    }
    this.write(ns, name, a => {
      a.metadata.finalizers = a.metadata.finalizers.filter(
        (f: string) => f !== RESOURCES_FINALIZER,
      );
    });
  }

  private sleep(ms: number) {
    return new Promise<void>(resolve => {
      const t = setTimeout(() => {
        this.sleepers.delete(t);
        resolve();
      }, ms);
      this.sleepers.set(t, resolve);
    });
  }
}
