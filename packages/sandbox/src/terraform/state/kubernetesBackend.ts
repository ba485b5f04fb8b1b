/**
 * Terraform's `kubernetes` backend, as backend/remote-state/kubernetes does it: the state of
 * workspace W is the Secret `tfstate-W-<secret_suffix>` (gzip in `data.tfstate`, base64 on the
 * wire, annotation `encoding: gzip`), the lock is the Lease `lock-tfstate-W-<secret_suffix>`
 * whose holderIdentity is the lock ID and whose annotation `app.terraform.io/lock-info` is the
 * lock info. Unlocking clears the holder and keeps the Lease, like Terraform.
 */
import zlib from 'node:zlib';
import { TfError } from '../diagnostics';
import { kubeFailure, kubeRequest, type KubeConnection } from './kubeApi';
import type { LockInfo } from './lock';

const LOCK_INFO_ANNOTATION = 'app.terraform.io/lock-info';
const SECRET_KEY = 'tfstate';

export interface KubernetesBackendSettings {
  connection: KubeConnection;
  namespace: string;
  secretSuffix: string;
  labels: Record<string, string>;
}

const KNOWN_KEYS = new Set([
  'secret_suffix',
  'namespace',
  'labels',
  'host',
  'token',
  'insecure',
  'cluster_ca_certificate',
  'in_cluster_config',
  'config_path',
  'config_paths',
  'config_context',
]);

export function isKubernetesBackendKey(key: string): boolean {
  return KNOWN_KEYS.has(key);
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

/** Backend block + -backend-config values + KUBE_* environment, as the provider SDK reads them. */
export function kubernetesSettings(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): KubernetesBackendSettings {
  const suffix = String(config.secret_suffix ?? '');
  if (!suffix) {
    throw new TfError(
      'Missing required argument',
      'The argument "secret_suffix" is required by the "kubernetes" backend, but no definition was found.',
    );
  }
  if (/-\d+$/.test(suffix)) {
    throw new TfError(
      'Invalid secret_suffix',
      `secret_suffix "${suffix}" must not end with a hyphen and a number.`,
    );
  }
  if (
    truthy(config.in_cluster_config) ||
    config.config_path ||
    config.config_paths ||
    env.KUBE_CONFIG_PATH
  ) {
    throw new TfError(
      'Unsupported backend configuration',
      "The sandbox's terraform stand-in reaches the cluster only with host and token (or KUBE_HOST and KUBE_TOKEN), not with in-cluster or kubeconfig credentials.",
    );
  }
  const host = String(config.host ?? env.KUBE_HOST ?? '');
  if (!host) {
    throw new TfError(
      'Missing Kubernetes host',
      'Set "host" in the backend configuration or KUBE_HOST in the environment.',
    );
  }
  const ca = config.cluster_ca_certificate ?? env.KUBE_CLUSTER_CA_CERT_DATA;
  return {
    connection: {
      host,
      token: (config.token ?? env.KUBE_TOKEN) as string | undefined,
      insecure: truthy(config.insecure ?? env.KUBE_INSECURE),
      caCertificate: ca ? String(ca) : undefined,
    },
    namespace: String(config.namespace ?? env.KUBE_NAMESPACE ?? 'default'),
    secretSuffix: suffix,
    labels: (config.labels as Record<string, string>) ?? {},
  };
}

/** The state and lock of one workspace in the cluster. */
export class KubernetesStateClient {
  private secretResourceVersion: string | undefined;

  constructor(
    private readonly settings: KubernetesBackendSettings,
    readonly workspace: string,
  ) {}

  get secretName(): string {
    return `tfstate-${this.workspace}-${this.settings.secretSuffix}`;
  }

  get leaseName(): string {
    return `lock-${this.secretName}`;
  }

  /** Where the state lives, for lock info and messages. */
  get location(): string {
    return `${this.settings.namespace}/${this.secretName}`;
  }

  private labels(): Record<string, string> {
    return {
      tfstate: 'true',
      tfstateSecretSuffix: this.settings.secretSuffix,
      tfstateWorkspace: this.workspace,
      'app.kubernetes.io/managed-by': 'terraform',
      ...this.settings.labels,
    };
  }

  private path(plural: 'secrets' | 'leases', name?: string): string {
    const base =
      plural === 'secrets'
        ? `/api/v1/namespaces/${this.settings.namespace}/secrets`
        : `/apis/coordination.k8s.io/v1/namespaces/${this.settings.namespace}/leases`;
    return name ? `${base}/${encodeURIComponent(name)}` : base;
  }

  private call(method: string, path: string, body?: unknown) {
    return kubeRequest(this.settings.connection, method, path, body);
  }

  /** The state JSON, or undefined when the workspace has no state yet. */
  async pull(): Promise<string | undefined> {
    const res = await this.call('GET', this.path('secrets', this.secretName));
    if (res.status === 404) {
      this.secretResourceVersion = undefined;
      return undefined;
    }
    if (res.status !== 200)
      throw kubeFailure(`reading secret ${this.location}`, res);
    this.secretResourceVersion = res.body.metadata?.resourceVersion;
    const data = res.body.data?.[SECRET_KEY];
    if (!data) return undefined;
    return zlib.gunzipSync(Buffer.from(data, 'base64')).toString('utf8');
  }

  async push(stateJson: string): Promise<void> {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: this.secretName,
        namespace: this.settings.namespace,
        labels: this.labels(),
        annotations: { encoding: 'gzip' },
        ...(this.secretResourceVersion
          ? { resourceVersion: this.secretResourceVersion }
          : {}),
      },
      data: {
        [SECRET_KEY]: zlib
          .gzipSync(Buffer.from(stateJson, 'utf8'))
          .toString('base64'),
      },
    };
    const res = this.secretResourceVersion
      ? await this.call('PUT', this.path('secrets', this.secretName), secret)
      : await this.call('POST', this.path('secrets'), secret);
    if (res.status !== 200 && res.status !== 201)
      throw kubeFailure(`writing secret ${this.location}`, res);
    this.secretResourceVersion = res.body.metadata?.resourceVersion;
  }

  /**
   * Takes the lock once: creates the Lease, or sets its holder when it has none.
   * Returns the holder's lock info when someone else holds it.
   */
  async tryLock(info: LockInfo): Promise<LockInfo | undefined> {
    const res = await this.call('GET', this.path('leases', this.leaseName));
    const annotations = { [LOCK_INFO_ANNOTATION]: JSON.stringify(info) };
    if (res.status === 404) {
      const created = await this.call('POST', this.path('leases'), {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: this.leaseName,
          namespace: this.settings.namespace,
          labels: this.labels(),
          annotations,
        },
        spec: { holderIdentity: info.ID },
      });
      if (created.status === 201 || created.status === 200) return undefined;
      if (created.status === 409) return this.tryLock(info); // created by another run meanwhile
      throw kubeFailure(`creating lease ${this.leaseName}`, created);
    }
    if (res.status !== 200)
      throw kubeFailure(`reading lease ${this.leaseName}`, res);
    const lease = res.body;
    const holder = lease.spec?.holderIdentity;
    if (holder === info.ID) return undefined;
    if (holder) return this.lockInfoOf(lease);
    lease.spec = { ...lease.spec, holderIdentity: info.ID };
    lease.metadata.annotations = {
      ...lease.metadata.annotations,
      ...annotations,
    };
    const updated = await this.call(
      'PUT',
      this.path('leases', this.leaseName),
      lease,
    );
    if (updated.status === 409) return this.tryLock(info); // lost a race: look again
    if (updated.status !== 200)
      throw kubeFailure(`updating lease ${this.leaseName}`, updated);
    return undefined;
  }

  private lockInfoOf(lease: any): LockInfo {
    try {
      return JSON.parse(
        lease.metadata?.annotations?.[LOCK_INFO_ANNOTATION] ?? '',
      );
    } catch {
      return {
        ID: lease.spec?.holderIdentity ?? '',
        Operation: '',
        Info: '',
        Who: '',
        Version: '',
        Created: '',
        Path: this.location,
      };
    }
  }

  /** The current holder, if any (for force-unlock and tests). */
  async holder(): Promise<LockInfo | undefined> {
    const res = await this.call('GET', this.path('leases', this.leaseName));
    if (res.status === 404) return undefined;
    if (res.status !== 200)
      throw kubeFailure(`reading lease ${this.leaseName}`, res);
    return res.body.spec?.holderIdentity
      ? this.lockInfoOf(res.body)
      : undefined;
  }

  /** Clears the holder when it is `id`; errors like Terraform's when it is not. */
  async unlock(id: string): Promise<void> {
    const res = await this.call('GET', this.path('leases', this.leaseName));
    if (res.status === 404 || !res.body?.spec?.holderIdentity) {
      throw new TfError('Failed to unlock state', 'state is already unlocked');
    }
    if (res.status !== 200)
      throw kubeFailure(`reading lease ${this.leaseName}`, res);
    const lease = res.body;
    if (lease.spec.holderIdentity !== id) {
      throw new TfError(
        'Failed to unlock state',
        `lock id mismatch: the lock ID "${id}" does not match the existing lock ID "${lease.spec.holderIdentity}".`,
      );
    }
    delete lease.spec.holderIdentity;
    delete lease.metadata.annotations?.[LOCK_INFO_ANNOTATION];
    const updated = await this.call(
      'PUT',
      this.path('leases', this.leaseName),
      lease,
    );
    if (updated.status !== 200)
      throw kubeFailure(`updating lease ${this.leaseName}`, updated);
  }

  /** Workspaces that have a state Secret for this suffix, plus "default". */
  async listWorkspaces(): Promise<string[]> {
    const selector = encodeURIComponent(
      `tfstate=true,tfstateSecretSuffix=${this.settings.secretSuffix}`,
    );
    const res = await this.call(
      'GET',
      `${this.path('secrets')}?labelSelector=${selector}`,
    );
    if (res.status !== 200) throw kubeFailure('listing state secrets', res);
    const names = (res.body.items ?? [])
      .map((s: any) => s.metadata?.labels?.tfstateWorkspace)
      .filter(Boolean);
    return [
      'default',
      ...[...new Set<string>(names)].filter(n => n !== 'default').sort(),
    ];
  }

  /** Removes the workspace's Secret and Lease. */
  async deleteWorkspace(): Promise<void> {
    for (const [plural, name] of [
      ['secrets', this.secretName],
      ['leases', this.leaseName],
    ] as const) {
      const res = await this.call('DELETE', this.path(plural, name));
      if (res.status !== 200 && res.status !== 202 && res.status !== 404)
        throw kubeFailure(`deleting ${plural} ${name}`, res);
    }
  }
}
