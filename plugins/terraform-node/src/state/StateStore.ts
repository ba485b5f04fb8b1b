import { gunzipSync } from 'node:zlib';
import type {
  TerraformDrift,
  TerraformRun,
  TerraformStateLocation,
} from '@edp/plugin-terraform-common';
import type { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import { coreApiFor, statusOf, type ClusterConnection } from './kubeApi';

/** The parts of a Terraform state (format version 4) the portal reads. @public */
export interface TerraformStateFile {
  version: number;
  terraform_version?: string;
  serial?: number;
  lineage?: string;
  outputs?: Record<
    string,
    { value: unknown; type?: unknown; sensitive?: boolean }
  >;
  resources?: Array<{
    module?: string;
    mode: 'managed' | 'data';
    type: string;
    name: string;
    provider: string;
    instances?: unknown[];
  }>;
}

/** A state as read from its Secret, with the workspace and suffix Terraform labelled it with. @public */
export interface StoredState {
  state: TerraformStateFile;
  /** Label `tfstateWorkspace`. */
  workspace: string;
  /** Label `tfstateSecretSuffix`. */
  secretSuffix?: string;
}

/** What the portal records beside a state: its runs and the last drift check. @public */
export interface StateRecord {
  runs: TerraformRun[];
  drift?: TerraformDrift;
  /**
   * The non-sensitive variables of the last successful apply, for the drift check's plan (the
   * module comes from the entity's edp.io/terraform-module). Sensitive ones are never written here.
   */
  variables?: Record<string, unknown>;
}

/** Runs kept per state; older ones are dropped. @public */
export const MAX_RUNS = 20;

/**
 * The ConfigMap beside `tfstate-<workspace>-<suffix>` that holds the portal's record of it:
 * `tfruns-<workspace>-<suffix>`. Separate from the state Secret on purpose: Terraform rewrites that
 * Secret with the resourceVersion it read, so writing to it between its reads and writes would
 * make an apply fail to save its state.
 * @public
 */
export function recordNameOf(secretName: string): string {
  return secretName.replace(/^tfstate-/, 'tfruns-');
}

const RECORD_KEY = 'record.json';

function parseRecord(configMap: V1ConfigMap | undefined): StateRecord {
  try {
    const raw = JSON.parse(configMap?.data?.[RECORD_KEY] ?? '{}');
    return { runs: Array.isArray(raw.runs) ? raw.runs : [], ...raw };
  } catch {
    return { runs: [] };
  }
}

/**
 * Reads states kept by Terraform's `kubernetes` backend (Secret `tfstate-…`, gzip+base64 in
 * `data.tfstate`) and keeps the portal's record beside them, with the cluster's token from config.
 * @public
 */
export class KubernetesStateStore {
  private readonly api: CoreV1Api;

  constructor(cluster: ClusterConnection, api?: CoreV1Api) {
    this.api = api ?? coreApiFor(cluster);
  }

  /** The state, or undefined when the Secret does not exist (never applied). */
  async readState(
    location: TerraformStateLocation,
  ): Promise<StoredState | undefined> {
    let secret;
    try {
      secret = await this.api.readNamespacedSecret({
        name: location.secretName,
        namespace: location.namespace,
      });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const encoded = secret.data?.tfstate;
    if (!encoded) return undefined;
    const raw = Buffer.from(encoded, 'base64');
    // The backend gzips (annotation encoding: gzip); a hand-made Secret may hold plain JSON.
    const text =
      raw[0] === 0x1f && raw[1] === 0x8b
        ? gunzipSync(raw).toString('utf8')
        : raw.toString('utf8');
    const labels = secret.metadata?.labels ?? {};
    return {
      state: JSON.parse(text) as TerraformStateFile,
      workspace: labels.tfstateWorkspace ?? 'default',
      ...(labels.tfstateSecretSuffix
        ? { secretSuffix: labels.tfstateSecretSuffix }
        : {}),
    };
  }

  async readRecord(location: TerraformStateLocation): Promise<StateRecord> {
    return parseRecord(await this.readConfigMap(location));
  }

  /** Adds a run (newest first, at most MAX_RUNS) and, for a successful apply, its variables. */
  recordRun(
    location: TerraformStateLocation,
    run: TerraformRun,
    variables?: Record<string, unknown>,
  ): Promise<void> {
    return this.update(location, record => ({
      ...record,
      ...(variables ? { variables } : {}),
      runs: [run, ...record.runs].slice(0, MAX_RUNS),
    }));
  }

  recordDrift(
    location: TerraformStateLocation,
    drift: TerraformDrift,
  ): Promise<void> {
    return this.update(location, record => ({ ...record, drift }));
  }

  private async readConfigMap(
    location: TerraformStateLocation,
  ): Promise<V1ConfigMap | undefined> {
    try {
      return await this.api.readNamespacedConfigMap({
        name: recordNameOf(location.secretName),
        namespace: location.namespace,
      });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Read-modify-write with the resourceVersion: two replicas (or a run and a drift check)
   * writing at once make one of them read again instead of losing the other's change.
   */
  private async update(
    location: TerraformStateLocation,
    change: (record: StateRecord) => StateRecord,
  ): Promise<void> {
    const name = recordNameOf(location.secretName);
    const { namespace } = location;
    for (let attempt = 0; ; attempt++) {
      const current = await this.readConfigMap(location);
      const data = {
        [RECORD_KEY]: JSON.stringify(change(parseRecord(current))),
      };
      try {
        if (!current) {
          await this.api.createNamespacedConfigMap({
            namespace,
            body: {
              metadata: {
                name,
                namespace,
                labels: {
                  'app.kubernetes.io/managed-by': 'edp-orchestrator',
                  'edp.io/terraform-state': location.secretName,
                },
              },
              data,
            },
          });
        } else {
          await this.api.replaceNamespacedConfigMap({
            name,
            namespace,
            body: { ...current, data },
          });
        }
        return;
      } catch (error) {
        if (attempt < 4 && [409].includes(statusOf(error) ?? 0)) continue;
        throw error;
      }
    }
  }
}
