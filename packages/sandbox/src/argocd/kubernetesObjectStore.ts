import type { KubeCluster, KubeStandInState } from '../kubernetes';
import { KubeApiError } from '../kubernetes';
import {
  registerObjectStoreFactory,
  type ArgoCdObjectStore,
  type Cluster,
  type Repository,
} from './objectStore';
import { defaultProject, normaliseGitUrl, type AppProject } from './projects';
import { CONTROL_PLANE_NAMESPACE } from './types';

const MANAGER = { fieldManager: 'argocd-server' };
const SECRET_TYPE = 'argocd.argoproj.io/secret-type';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: unknown) =>
  typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : '';

/** A Secret name ArgoCD would pick: the kind and a stable hash of the URL. */
function secretName(kind: 'cluster' | 'repo', key: string) {
  let h = 0;
  for (const c of key) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `${kind}-${h.toString(16)}`;
}

/**
 * Projects as AppProject objects and clusters and repositories as labelled Secrets in the
 * `argocd` namespace of the Kubernetes stand-in, as ArgoCD keeps them, so kubectl sees what the
 * API created and the other way round.
 */
export class KubernetesObjectStore implements ArgoCdObjectStore {
  constructor(private readonly cluster: KubeCluster) {}

  private get projects() {
    return this.cluster.type('argoproj.io/v1alpha1', 'AppProject');
  }
  private get secrets() {
    return this.cluster.type('v1', 'Secret');
  }

  async ensureNamespace() {
    const ns = this.cluster.type('v1', 'Namespace');
    if (!this.cluster.find(ns, undefined, CONTROL_PLANE_NAMESPACE))
      this.cluster.create(
        ns,
        undefined,
        { metadata: { name: CONTROL_PLANE_NAMESPACE } },
        MANAGER,
      );
  }

  async listProjects() {
    return this.cluster.list(this.projects, CONTROL_PLANE_NAMESPACE)
      .items as AppProject[];
  }
  async getProject(name: string) {
    return this.cluster.find(this.projects, CONTROL_PLANE_NAMESPACE, name) as
      | AppProject
      | undefined;
  }
  async putProject(project: AppProject) {
    const body = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        ...structuredClone(project.metadata),
        namespace: CONTROL_PLANE_NAMESPACE,
      },
      spec: structuredClone(project.spec),
    };
    delete body.metadata.resourceVersion;
    delete (body.metadata as Record<string, unknown>).managedFields;
    const name = project.metadata.name;
    if (this.cluster.find(this.projects, CONTROL_PLANE_NAMESPACE, name))
      return this.cluster.update(
        this.projects,
        CONTROL_PLANE_NAMESPACE,
        name,
        body,
        MANAGER,
      ) as AppProject;
    return this.cluster.create(
      this.projects,
      CONTROL_PLANE_NAMESPACE,
      body,
      MANAGER,
    ) as AppProject;
  }
  async deleteProject(name: string) {
    return this.remove(this.projects, name);
  }

  async listClusters(): Promise<Cluster[]> {
    return this.secretsOf('cluster').map(s => ({
      server: unb64(s.data?.server),
      name: unb64(s.data?.name),
      ...(s.data?.namespaces
        ? { namespaces: unb64(s.data.namespaces).split(',') }
        : {}),
      ...(s.data?.project ? { project: unb64(s.data.project) } : {}),
      config: JSON.parse(unb64(s.data?.config) || '{}'),
    }));
  }
  async putCluster(cluster: Cluster) {
    this.putSecret(secretName('cluster', cluster.server), 'cluster', {
      server: cluster.server,
      name: cluster.name,
      ...(cluster.namespaces?.length
        ? { namespaces: cluster.namespaces.join(',') }
        : {}),
      ...(cluster.project ? { project: cluster.project } : {}),
      config: JSON.stringify(cluster.config ?? {}),
    });
    return cluster;
  }
  async deleteCluster(server: string) {
    return this.remove(this.secrets, secretName('cluster', server));
  }

  async listRepositories(): Promise<Repository[]> {
    return this.secretsOf('repository').map(s => {
      const data = Object.fromEntries(
        Object.entries(s.data ?? {}).map(([k, v]) => [k, unb64(v)]),
      );
      const { url, insecure, ...rest } = data;
      return {
        ...rest,
        repo: url,
        ...(insecure ? { insecure: insecure === 'true' } : {}),
      };
    });
  }
  async putRepository(repository: Repository) {
    const { repo, ...rest } = repository;
    const data: Record<string, string> = { url: repo };
    for (const [k, v] of Object.entries(rest))
      if (v !== undefined && v !== null && typeof v !== 'object')
        data[k] = String(v);
    this.putSecret(
      secretName('repo', normaliseGitUrl(repo)),
      'repository',
      data,
    );
    return repository;
  }
  async deleteRepository(repo: string) {
    return this.remove(this.secrets, secretName('repo', normaliseGitUrl(repo)));
  }

  private secretsOf(kind: string) {
    return this.cluster.list(this.secrets, CONTROL_PLANE_NAMESPACE, {
      labelSelector: `${SECRET_TYPE}=${kind}`,
    }).items;
  }

  private putSecret(name: string, kind: string, data: Record<string, string>) {
    const body = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name,
        namespace: CONTROL_PLANE_NAMESPACE,
        labels: { [SECRET_TYPE]: kind },
      },
      data: Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, b64(v)]),
      ),
    };
    if (this.cluster.find(this.secrets, CONTROL_PLANE_NAMESPACE, name))
      this.cluster.update(
        this.secrets,
        CONTROL_PLANE_NAMESPACE,
        name,
        body,
        MANAGER,
      );
    else
      this.cluster.create(this.secrets, CONTROL_PLANE_NAMESPACE, body, MANAGER);
  }

  private remove(type: ReturnType<KubeCluster['type']>, name: string) {
    try {
      this.cluster.delete(type, CONTROL_PLANE_NAMESPACE, name);
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) return false;
      throw e;
    }
  }
}

registerObjectStoreFactory('kubernetes', async ctx => {
  const state = ctx.peers.get('kubernetes')?.state as
    | KubeStandInState
    | undefined;
  if (!state?.cluster)
    throw new Error(
      `argocd instance ${ctx.instance}: store "kubernetes" needs the kubernetes stand-in started first`,
    );
  const store = new KubernetesObjectStore(state.cluster);
  await store.ensureNamespace();
  // ArgoCD creates the default project at start when it is missing; seeds only fill what is missing.
  for (const project of [defaultProject(), ...ctx.seed.projects])
    if (!(await store.getProject(project.metadata.name)))
      await store.putProject(project);
  for (const cluster of ctx.seed.clusters) await store.putCluster(cluster);
  for (const repository of ctx.seed.repositories)
    await store.putRepository(repository);
  return store;
});
