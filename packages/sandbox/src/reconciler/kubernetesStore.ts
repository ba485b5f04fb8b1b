import type {
  ApplicationChange,
  ApplicationStore,
  ApplicationStoreFactoryContext,
} from '../argocd/store';
import type { Application, RevisionMetadata } from '../argocd/types';
import type { KubeCluster, KubeStandInState } from '../kubernetes';
import { KubeApiError } from '../kubernetes';
import { KubernetesObjectStore } from '../argocd/kubernetesObjectStore';
import { specConditions } from '../argocd/validation';
import {
  ApplicationSetController,
  installApplicationSetCrd,
} from './applicationSets';
import { GitSources } from './git';
import { APPLICATIONS, ApplicationReconciler } from './reconciler';
import { parseReconcilerSettings, type ReconcilerSettings } from './settings';

const CONTROL_PLANE = 'argocd';
const API_SERVER_MANAGER = 'argocd-server';

/** One reconciler per cluster, shared by every ArgoCD instance whose store is `kubernetes`. */
const shared = new WeakMap<
  KubeCluster,
  {
    reconciler: ApplicationReconciler;
    applicationSets: ApplicationSetController;
    users: number;
  }
>();

/**
 * Applications kept as `argoproj.io/v1alpha1` objects in the Kubernetes stand-in, reconciled by
 * `ApplicationReconciler` (so `reconciles` is true and ArgoCD's simulated controller stays off).
 * Whatever creates Applications through the Kubernetes API (the stacks actions, kubectl) shows up
 * in ArgoCD's API, and the other way round.
 */
export class KubernetesApplicationStore implements ApplicationStore {
  readonly reconciles = true;
  private git?: GitSources;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly settings: ReconcilerSettings,
    private readonly workDir: string,
    private readonly log: (m: string) => void,
  ) {}

  private get type() {
    return this.cluster.type('argoproj.io/v1alpha1', 'Application');
  }

  /** Starts (or joins) the cluster's reconciler. */
  startReconciler(): void {
    const entry = shared.get(this.cluster);
    if (entry) {
      entry.users++;
      return;
    }
    this.git = new GitSources(this.workDir, {
      auth: this.settings.git,
      fetchCacheMs: this.settings.fetchCacheMs,
    });
    const reconciler = new ApplicationReconciler(this.cluster, {
      reconcileDelayMs: this.settings.reconcileDelayMs,
      resyncIntervalMs: this.settings.resyncIntervalMs,
      git: this.git,
      cacheDir: this.workDir,
      // Projects and clusters as the API server of every instance on this store keeps them.
      specConditions: app =>
        specConditions(new KubernetesObjectStore(this.cluster), app),
      log: this.log,
    });
    const applicationSets = new ApplicationSetController(this.cluster, {
      git: this.git,
      resyncIntervalMs: this.settings.resyncIntervalMs,
      log: this.log,
    });
    shared.set(this.cluster, { reconciler, applicationSets, users: 1 });
    reconciler.start();
    applicationSets.start();
  }

  async list(): Promise<Application[]> {
    return this.cluster.list(this.type, undefined).items as Application[];
  }

  async get(
    name: string,
    namespace?: string,
  ): Promise<Application | undefined> {
    return this.cluster.find(this.type, namespace || CONTROL_PLANE, name) as
      | Application
      | undefined;
  }

  async upsert(application: Application): Promise<Application> {
    const namespace = application.metadata.namespace || CONTROL_PLANE;
    const body = {
      ...structuredClone(application),
      metadata: { ...structuredClone(application.metadata), namespace },
    };
    // The ArgoCD API replaces whole objects; its caller serialises writes per Application, so no
    // resourceVersion precondition here.
    delete body.metadata.resourceVersion;
    delete (body.metadata as Record<string, unknown>).managedFields;
    const existing = this.cluster.find(
      this.type,
      namespace,
      application.metadata.name,
    );
    if (existing)
      return this.cluster.update(
        this.type,
        namespace,
        application.metadata.name,
        body,
        { fieldManager: API_SERVER_MANAGER },
      ) as Application;
    this.ensureNamespace(namespace);
    const created = this.cluster.create(this.type, namespace, body, {
      fieldManager: API_SERVER_MANAGER,
    });
    return created as Application;
  }

  async delete(name: string, namespace?: string): Promise<boolean> {
    try {
      this.cluster.delete(this.type, namespace || CONTROL_PLANE, name);
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) return false;
      throw e;
    }
  }

  subscribe(listener: (change: ApplicationChange) => void): () => void {
    return this.cluster.store.subscribe(e => {
      if (e.collection !== APPLICATIONS) return;
      try {
        listener({ type: e.type, application: e.object as Application });
      } catch {
        // listeners must not throw; one that does must not break the write
      }
    });
  }

  async revisionMetadata(
    application: Application,
    revision: string,
  ): Promise<RevisionMetadata | undefined> {
    const repoURL =
      application.spec.source?.repoURL ??
      application.spec.sources?.[0]?.repoURL;
    if (!repoURL || !this.git || !/^[0-9a-f]{7,40}$/.test(revision))
      return undefined;
    try {
      return await this.git.commitMetadata(repoURL, revision);
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    const entry = shared.get(this.cluster);
    if (entry && --entry.users <= 0) {
      shared.delete(this.cluster);
      // Waits for fetches in flight: the sandbox removes the git cache right after.
      await Promise.all([
        entry.reconciler.stop(),
        entry.applicationSets.stop(),
      ]);
    }
  }

  private ensureNamespace(name: string) {
    const nsType = this.cluster.type('v1', 'Namespace');
    if (!this.cluster.find(nsType, undefined, name))
      this.cluster.create(
        nsType,
        undefined,
        { metadata: { name } },
        { fieldManager: API_SERVER_MANAGER },
      );
  }
}

/** The `kubernetes` store factory: needs the kubernetes stand-in started before ArgoCD. */
export async function createKubernetesApplicationStore(
  ctx: ApplicationStoreFactoryContext,
): Promise<ApplicationStore> {
  const peer = ctx.peers.get('kubernetes');
  const state = peer?.state as KubeStandInState | undefined;
  if (!state?.cluster) {
    throw new Error(
      'argocd store "kubernetes" needs the kubernetes stand-in: start it before argocd (list "kubernetes" before "argocd" in services)',
    );
  }
  installApplicationSetCrd(state.cluster);
  const settings = parseReconcilerSettings(
    ctx.config,
    ctx.instanceConfig,
    ctx.instance,
  );
  const store = new KubernetesApplicationStore(
    state.cluster,
    settings,
    ctx.dataDir,
    ctx.log,
  );
  for (const app of ctx.seed) {
    if (!(await store.get(app.metadata.name, app.metadata.namespace)))
      await store.upsert(app);
  }
  store.startReconciler();
  return store;
}
