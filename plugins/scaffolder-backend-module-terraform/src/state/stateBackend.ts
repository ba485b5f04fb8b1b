import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { KubernetesStateBackend } from '@edp/plugin-terraform-node';

/** Written into a module that declares no backend, so that init uses the portal's default. */
export const DEFAULT_BACKEND_FILE = 'edp_state_backend.tf';

/** Where a run keeps its state, decided before init. */
export interface StateLocation {
  /** `kubernetes` (the portal default), `declared` (the module's own backend) or `ephemeral`. */
  kind: 'kubernetes' | 'declared' | 'ephemeral';
  /** Identifies the state across tasks: approvals and the catalog annotation use it. */
  key: string;
  initArgs: string[];
  env: Record<string, string>;
  /** Values never to log (the cluster token). */
  secrets: string[];
  /** For the Kubernetes backend: where the Secret and Lease live. */
  kubernetes?: {
    cluster: string;
    namespace: string;
    secretSuffix: string;
    secretName: string;
  };
}

const SUFFIX = /^[a-z0-9]([-a-z0-9.]{0,198}[a-z0-9])?$/;

/** The backend type a module's .tf files declare, read the way init would find it. */
export function declaredBackend(moduleDir: string): string | undefined {
  for (const file of fs.readdirSync(moduleDir)) {
    if (!file.endsWith('.tf') || file === DEFAULT_BACKEND_FILE) continue;
    const text = fs.readFileSync(path.join(moduleDir, file), 'utf8');
    const match = /^\s*backend\s+"([^"]+)"/m.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** A Kubernetes-safe secret_suffix from the template's values, e.g. the Resource's name. */
export function checkStateKey(stateKey: string, workspace: string): void {
  if (!SUFFIX.test(stateKey) || /-\d+$/.test(stateKey)) {
    throw new InputError(
      `stateKey "${stateKey}" cannot name a state Secret: use lowercase letters, digits, "-" and "." (not ending in "-<number>"), e.g. the Resource's name.`,
    );
  }
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(workspace)) {
    throw new InputError(
      `workspace "${workspace}" cannot be part of a Kubernetes Secret name: use lowercase letters, digits, "-" and ".".`,
    );
  }
}

/**
 * The state location for a run. A module without a backend gets the portal's kubernetes backend
 * (a backend file plus -backend-config and KUBE_* variables, so the token is never an argument);
 * `ephemeralState` keeps the state in the workspace instead, which apply then accepts.
 */
export function chooseStateLocation(options: {
  moduleDir: string;
  workspace?: string;
  stateKey: string;
  ephemeralState: boolean;
  backendConfig: Record<string, string | number | boolean>;
  defaultBackend?: KubernetesStateBackend;
}): StateLocation {
  const declared = declaredBackend(options.moduleDir);
  const workspace = options.workspace ?? 'default';
  const none = { initArgs: [], env: {}, secrets: [] };
  if (options.ephemeralState) {
    return { kind: 'ephemeral', key: 'ephemeral', ...none };
  }
  if (declared) {
    // A fingerprint, not the values: backendConfig may hold something that must not be logged.
    const config = createHash('sha256')
      .update(
        Object.keys(options.backendConfig)
          .sort()
          .map(k => `${k}=${options.backendConfig[k]}`)
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 16);
    return {
      kind: 'declared',
      key: `${declared}:${config}:${workspace}`,
      ...none,
    };
  }
  const backend = options.defaultBackend;
  if (!backend) return { kind: 'ephemeral', key: 'ephemeral', ...none };
  checkStateKey(options.stateKey, workspace);
  fs.writeFileSync(
    path.join(options.moduleDir, DEFAULT_BACKEND_FILE),
    '# Added by edp:terraform:run: the portal keeps this state (edp.terraform.stateBackend).\nterraform {\n  backend "kubernetes" {}\n}\n',
  );
  const env: Record<string, string> = {
    KUBE_HOST: backend.url,
    KUBE_TOKEN: backend.token,
  };
  if (backend.skipTLSVerify) env.KUBE_INSECURE = 'true';
  if (backend.caData)
    env.KUBE_CLUSTER_CA_CERT_DATA = Buffer.from(
      backend.caData,
      'base64',
    ).toString('utf8');
  const secretName = `tfstate-${workspace}-${options.stateKey}`;
  return {
    kind: 'kubernetes',
    key: `kubernetes:${backend.cluster}/${backend.namespace}/${secretName}`,
    initArgs: [
      `-backend-config=secret_suffix=${options.stateKey}`,
      `-backend-config=namespace=${backend.namespace}`,
    ],
    env,
    secrets: [backend.token],
    kubernetes: {
      cluster: backend.cluster,
      namespace: backend.namespace,
      secretSuffix: options.stateKey,
      secretName,
    },
  };
}

/** The backend init recorded (`.terraform/terraform.tfstate`); "local" when none. */
export function initializedBackendType(moduleDir: string): string {
  try {
    const raw = JSON.parse(
      fs.readFileSync(
        path.join(moduleDir, '.terraform', 'terraform.tfstate'),
        'utf8',
      ),
    );
    return raw?.backend?.type ?? 'local';
  } catch {
    return 'local';
  }
}
