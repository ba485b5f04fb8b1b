/**
 * `kubernetes_config_map_v1` of the hashicorp/kubernetes provider, against the Kubernetes API
 * stand-in: a real object outside Terraform, so drift is real too (someone edits or deletes the
 * ConfigMap with kubectl, and `plan -refresh-only` reports it). The provider reaches the cluster
 * the way the real one does without a provider block: KUBE_HOST, KUBE_TOKEN, KUBE_INSECURE,
 * KUBE_CLUSTER_CA_CERT_DATA.
 */
import { kubeRequest, type KubeConnection } from '../state/kubeApi';
import { type Attributes, ResourceError, type ResourceType } from './types';

function connection(): KubeConnection {
  const env = process.env;
  if (!env.KUBE_HOST) {
    throw new ResourceError(
      'Kubernetes provider is not configured',
      'Set KUBE_HOST and KUBE_TOKEN in the environment (the sandbox provider has no provider block).',
    );
  }
  return {
    host: env.KUBE_HOST,
    token: env.KUBE_TOKEN,
    insecure: env.KUBE_INSECURE === 'true' || env.KUBE_INSECURE === '1',
    caCertificate: env.KUBE_CLUSTER_CA_CERT_DATA,
  };
}

interface Metadata {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The `metadata` block (a list of one object in the JSON form of HCL) or an object. */
function metadataOf(config: Attributes): Metadata {
  const raw = (
    Array.isArray(config.metadata) ? config.metadata[0] : config.metadata
  ) as Partial<Metadata> | undefined;
  return {
    name: String(raw?.name ?? ''),
    namespace: String(raw?.namespace ?? 'default'),
    ...(raw?.labels ? { labels: raw.labels } : {}),
    ...(raw?.annotations ? { annotations: raw.annotations } : {}),
  };
}

const pathOf = (meta: Metadata, withName = true) =>
  `/api/v1/namespaces/${encodeURIComponent(meta.namespace)}/configmaps${
    withName ? `/${encodeURIComponent(meta.name)}` : ''
  }`;

function failure(what: string, status: number, body: any): ResourceError {
  return new ResourceError(
    `Failed to ${what} config map`,
    `HTTP ${status}: ${body?.message ?? JSON.stringify(body)}`,
  );
}

function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((value as Record<string, unknown>) ?? {}).map(([k, v]) => [
      k,
      String(v),
    ]),
  );
}

export const kubernetesConfigMap: ResourceType = {
  provider: 'kubernetes',
  schema: {
    metadata: { kind: 'any', required: true, forceNew: true },
    data: { kind: 'map', default: {} },
    id: { kind: 'string', computed: true },
  },
  validate(config) {
    if (!metadataOf(config).name)
      return ['metadata', 'metadata: "name" is required.'];
    return undefined;
  },
  async read(prior) {
    const meta = metadataOf(prior);
    const res = await kubeRequest(connection(), 'GET', pathOf(meta));
    if (res.status === 404) return null;
    if (res.status !== 200) throw failure('read', res.status, res.body);
    return { ...prior, data: stringMap(res.body?.data) };
  },
  async create(config) {
    const meta = metadataOf(config);
    const data = stringMap(config.data);
    const res = await kubeRequest(connection(), 'POST', pathOf(meta, false), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta,
      data,
    });
    if (res.status === 409) {
      throw new ResourceError(
        'Failed to create config map',
        `configmaps "${meta.name}" already exists`,
      );
    }
    if (res.status !== 201 && res.status !== 200)
      throw failure('create', res.status, res.body);
    return { ...config, data, id: `${meta.namespace}/${meta.name}` };
  },
  async update(prior, config) {
    const meta = metadataOf(config);
    const data = stringMap(config.data);
    // An unconditional replace (no resourceVersion), as the provider's update of the whole object.
    const res = await kubeRequest(connection(), 'PUT', pathOf(meta), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta,
      data,
    });
    if (res.status !== 200) throw failure('update', res.status, res.body);
    return { ...config, data, id: prior.id };
  },
  async delete(prior) {
    const res = await kubeRequest(
      connection(),
      'DELETE',
      pathOf(metadataOf(prior)),
    );
    if (res.status !== 200 && res.status !== 202 && res.status !== 404)
      throw failure('delete', res.status, res.body);
  },
};
