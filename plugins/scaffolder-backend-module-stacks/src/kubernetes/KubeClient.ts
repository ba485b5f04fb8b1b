import {
  ApiException,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import type { ClusterDetails } from './clusterConfig';
import { explainKubernetesError } from './errors';
import { describeObject, Manifest } from './manifests';

/**
 * KubernetesObjectApi keeps its discovery (and cache) protected; this exposes it. It caches an
 * apiVersion's resource list once it has it, but not the request in flight: a stack's objects
 * resolved together would each fetch the same list. Here they wait for the first one.
 */
class DiscoveringObjectApi extends KubernetesObjectApi {
  private readonly discovering = new Map<string, Promise<unknown>>();

  async discover(apiVersion: string, kind: string) {
    const pending = this.discovering.get(apiVersion);
    if (pending) {
      await pending.catch(() => undefined);
      return this.resource(apiVersion, kind); // from the cache it filled (or fetched again)
    }
    const lookup = this.resource(apiVersion, kind);
    this.discovering.set(apiVersion, lookup);
    try {
      return await lookup;
    } finally {
      this.discovering.delete(apiVersion);
    }
  }
}

/** The field manager every apply of ours uses, so that re-runs own the same fields. */
export const FIELD_MANAGER = 'edp-orchestrator';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  action: ApplyAction;
  object: KubernetesObject & Record<string, any>;
}

export interface ApplyOptions {
  dryRun?: boolean;
  force?: boolean;
  /** The object as just read (null: it does not exist), when the caller has it: saves a read. */
  before?: (KubernetesObject & Record<string, any>) | null;
}

/**
 * A thin layer over KubernetesObjectApi: discovery-based kind resolution with readable errors,
 * server-side apply that tells created / configured / unchanged apart, and cancellation.
 */
export class KubeClient {
  private readonly api: DiscoveringObjectApi;
  private readonly knownNamespaces = new Set<string>();

  static fromCluster(
    cluster: ClusterDetails,
    signal?: AbortSignal,
  ): KubeClient {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          skipTLSVerify: cluster.skipTLSVerify,
          caData: cluster.caData,
        },
      ],
      users: [{ name: 'edp-scaffolder', token: cluster.token }],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: 'edp-scaffolder' },
      ],
      currentContext: cluster.name,
    });
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.url, {}),
      authMethods: { default: kc },
      promiseMiddleware: [
        {
          // Cancelling the task aborts the request in flight.
          pre: async ctx => {
            if (signal) ctx.setSignal(signal as any);
            return ctx;
          },
          post: async rsp => rsp,
        },
      ],
    });
    return new KubeClient(new DiscoveringObjectApi(configuration), cluster);
  }

  private constructor(
    api: DiscoveringObjectApi,
    readonly cluster: ClusterDetails,
  ) {
    this.api = api;
  }

  /** Resolves apiVersion/kind through discovery; unknown kinds name the apiVersion and kind. */
  async resource(apiVersion: string, kind: string) {
    let resource;
    try {
      resource = await this.api.discover(apiVersion, kind);
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) resource = undefined;
      else
        throw explainKubernetesError(
          e,
          `discovery of ${apiVersion}`,
          this.cluster,
        );
    }
    if (!resource) {
      throw new InputError(
        `Unknown kind: cluster "${this.cluster.name}" does not serve apiVersion "${apiVersion}" kind "${kind}" ` +
          '(check the spelling, or install its CustomResourceDefinition first)',
      );
    }
    return resource;
  }

  /** Fills in the namespace of namespaced kinds and drops it from cluster-scoped ones. */
  async normalise(
    manifest: Manifest,
    defaultNamespace?: string,
  ): Promise<Manifest> {
    const resource = await this.resource(manifest.apiVersion, manifest.kind);
    const metadata = { ...manifest.metadata };
    if (resource.namespaced)
      metadata.namespace = metadata.namespace ?? defaultNamespace ?? 'default';
    else delete metadata.namespace;
    return { ...manifest, metadata };
  }

  async get(
    manifest: Manifest,
  ): Promise<(KubernetesObject & Record<string, any>) | undefined> {
    try {
      return await this.api.read({
        apiVersion: manifest.apiVersion,
        kind: manifest.kind,
        metadata: {
          name: manifest.metadata.name,
          namespace: manifest.metadata.namespace,
        },
      });
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) return undefined;
      throw explainKubernetesError(
        e,
        `reading ${describeObject(manifest)}`,
        this.cluster,
      );
    }
  }

  /** The objects of a kind in a namespace that match a label selector. */
  async list(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector: string,
  ): Promise<Array<KubernetesObject & Record<string, any>>> {
    try {
      const list = await this.api.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        labelSelector,
      );
      return list.items as Array<KubernetesObject & Record<string, any>>;
    } catch (e) {
      throw explainKubernetesError(
        e,
        `listing ${kind} in ${namespace} (${labelSelector})`,
        this.cluster,
      );
    }
  }

  /** Deletes one object; false when it was already gone. */
  async delete(manifest: Manifest): Promise<boolean> {
    try {
      await this.api.delete({
        apiVersion: manifest.apiVersion,
        kind: manifest.kind,
        metadata: {
          name: manifest.metadata.name,
          namespace: manifest.metadata.namespace,
        },
      });
      return true;
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) return false;
      throw explainKubernetesError(
        e,
        `deleting ${describeObject(manifest)}`,
        this.cluster,
      );
    }
  }

  /** Server-side apply of one (normalised) manifest. */
  async apply(
    manifest: Manifest,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const what = describeObject(manifest);
    const before =
      options.before === undefined
        ? await this.get(manifest)
        : options.before ?? undefined;
    let object;
    try {
      object = await this.api.patch(
        manifest as KubernetesObject,
        undefined,
        options.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        options.force || undefined,
        PatchStrategy.ServerSideApply,
      );
    } catch (e) {
      throw explainKubernetesError(e, `applying ${what}`, this.cluster);
    }
    let action: ApplyAction = 'configured';
    if (!before) action = 'created';
    else if (
      before.metadata?.resourceVersion === object.metadata?.resourceVersion
    )
      action = 'unchanged';
    return { action, object };
  }

  /**
   * Sets annotations on an existing object with a merge patch (no field manager: annotations such
   * as ArgoCD's refresh request are meant to be taken off by their controller, not owned by us).
   */
  async annotate(
    manifest: Manifest,
    annotations: Record<string, string>,
  ): Promise<void> {
    try {
      await this.api.patch(
        {
          apiVersion: manifest.apiVersion,
          kind: manifest.kind,
          metadata: {
            name: manifest.metadata.name,
            namespace: manifest.metadata.namespace,
            annotations,
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      );
    } catch (e) {
      throw explainKubernetesError(
        e,
        `annotating ${describeObject(manifest)}`,
        this.cluster,
      );
    }
  }

  /** Creates the namespace (by apply, so that it is idempotent) unless it is known to exist. */
  async ensureNamespace(
    name: string,
    options: ApplyOptions = {},
  ): Promise<ApplyResult | undefined> {
    if (this.knownNamespaces.has(name)) return undefined;
    const ns: Manifest = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    };
    const existing = await this.get(ns);
    if (existing) {
      this.knownNamespaces.add(name);
      return undefined;
    }
    const result = await this.apply(ns, options);
    // In a dry run too: the namespace is reported once, as it would be created once.
    this.knownNamespaces.add(name);
    return result;
  }
}
