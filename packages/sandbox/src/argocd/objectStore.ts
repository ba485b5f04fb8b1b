import { randomUUID } from 'node:crypto';
import type { RunningStandIn } from '../host/types';
import { defaultProject, normaliseGitUrl, type AppProject } from './projects';

/** The cluster ArgoCD always knows: the one it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** `v1alpha1Cluster`, as stored (credentials in `config`, never answered to clients). */
export interface Cluster {
  server: string;
  name: string;
  namespaces?: string[];
  project?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  config?: Record<string, unknown>;
}

/** `v1alpha1Repository`, as stored (username/password kept; the API never answers them). */
export interface Repository {
  repo: string;
  type?: string;
  name?: string;
  project?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  [key: string]: unknown;
}

/**
 * Where one ArgoCD instance keeps its projects, clusters and repositories. ArgoCD keeps them as
 * AppProject objects and labelled Secrets in its namespace; the in-memory store keeps them here and
 * the Kubernetes-backed one (kubernetesObjectStore.ts) does as ArgoCD does. Every method returns copies.
 */
export interface ArgoCdObjectStore {
  listProjects(): Promise<AppProject[]>;
  getProject(name: string): Promise<AppProject | undefined>;
  /** Creates or replaces; fills uid, creationTimestamp and resourceVersion as the API server would. */
  putProject(project: AppProject): Promise<AppProject>;
  deleteProject(name: string): Promise<boolean>;
  /** Registered clusters; the in-cluster one is added by the routes unless registered. */
  listClusters(): Promise<Cluster[]>;
  putCluster(cluster: Cluster): Promise<Cluster>;
  deleteCluster(server: string): Promise<boolean>;
  listRepositories(): Promise<Repository[]>;
  putRepository(repository: Repository): Promise<Repository>;
  deleteRepository(repo: string): Promise<boolean>;
}

/** What a seed file or the config gives an instance to start with. */
export interface ArgoCdObjectSeed {
  projects: AppProject[];
  clusters: Cluster[];
  repositories: Repository[];
}

const copy = <T>(value: T): T => structuredClone(value);

/** Projects, clusters and repositories in memory (the default), starting with the `default` project. */
export class InMemoryObjectStore implements ArgoCdObjectStore {
  private readonly projects = new Map<string, AppProject>();
  private readonly clusters = new Map<string, Cluster>();
  private readonly repositories = new Map<string, Repository>();
  private resourceVersion = 0;

  constructor(seed: Partial<ArgoCdObjectSeed> = {}) {
    this.write(defaultProject());
    for (const p of seed.projects ?? []) this.write(p);
    for (const c of seed.clusters ?? []) this.clusters.set(c.server, copy(c));
    for (const r of seed.repositories ?? [])
      this.repositories.set(normaliseGitUrl(r.repo), copy(r));
  }

  async listProjects() {
    return [...this.projects.values()]
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(copy);
  }
  async getProject(name: string) {
    const p = this.projects.get(name);
    return p && copy(p);
  }
  async putProject(project: AppProject) {
    return copy(this.write(project));
  }
  async deleteProject(name: string) {
    return this.projects.delete(name);
  }
  async listClusters() {
    return [...this.clusters.values()].map(copy);
  }
  async putCluster(cluster: Cluster) {
    this.clusters.set(cluster.server, copy(cluster));
    return copy(cluster);
  }
  async deleteCluster(server: string) {
    return this.clusters.delete(server);
  }
  async listRepositories() {
    return [...this.repositories.values()].map(copy);
  }
  async putRepository(repository: Repository) {
    this.repositories.set(normaliseGitUrl(repository.repo), copy(repository));
    return copy(repository);
  }
  async deleteRepository(repo: string) {
    return this.repositories.delete(normaliseGitUrl(repo));
  }

  private write(input: AppProject): AppProject {
    const project = copy(input);
    const previous = this.projects.get(project.metadata.name);
    project.apiVersion = 'argoproj.io/v1alpha1';
    project.kind = 'AppProject';
    project.metadata.namespace = 'argocd';
    project.metadata.uid =
      previous?.metadata.uid ?? project.metadata.uid ?? randomUUID();
    project.metadata.creationTimestamp =
      previous?.metadata.creationTimestamp ??
      project.metadata.creationTimestamp ??
      new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    project.metadata.generation = (previous?.metadata.generation ?? 0) + 1;
    project.metadata.resourceVersion = String(++this.resourceVersion);
    this.projects.set(project.metadata.name, project);
    return project;
  }
}

/** What an object store factory gets, once per instance. */
export interface ArgoCdObjectStoreContext {
  instance: string;
  seed: ArgoCdObjectSeed;
  peers: Map<string, RunningStandIn>;
}

export type ArgoCdObjectStoreFactory = (
  ctx: ArgoCdObjectStoreContext,
) => Promise<ArgoCdObjectStore>;

const factories = new Map<string, ArgoCdObjectStoreFactory>();

/**
 * Makes an object store available for instances whose Application store has the same name
 * (`store: kubernetes` keeps projects, clusters and repositories in the Kubernetes stand-in too).
 */
export function registerObjectStoreFactory(
  name: string,
  factory: ArgoCdObjectStoreFactory,
): void {
  factories.set(name, factory);
}

/** The object store for an instance whose Application store is `storeName`: memory unless one is registered. */
export function createObjectStore(
  storeName: string,
  ctx: ArgoCdObjectStoreContext,
): Promise<ArgoCdObjectStore> {
  const factory =
    factories.get(storeName) ?? (async c => new InMemoryObjectStore(c.seed));
  return factory(ctx);
}
