/**
 * Payloads exchanged between the Terraform backend (pluginId `edp-terraform`) and its card.
 * Times are ISO 8601 strings; absent values are omitted rather than invented.
 */
import type { JsonValue } from '@backstage/types';

/** A root module output; a sensitive one carries no value. @public */
export interface TerraformOutput {
  name: string;
  sensitive: boolean;
  /** Absent when sensitive. */
  value?: JsonValue;
}

/** A managed resource of the state (data sources are left out). @public */
export interface TerraformResource {
  /** e.g. `random_pet.name`, `module.net.aws_vpc.this`. */
  address: string;
  type: string;
  name: string;
  /** Provider source without the `provider[...]` wrapper, e.g. `registry.terraform.io/hashicorp/random`. */
  provider: string;
  /** Instances (count / for_each). */
  instances: number;
}

/** One run of `edp:terraform:run` that changed (or tried to change) the state. @public */
export interface TerraformRun {
  operation: 'apply' | 'destroy';
  result: 'succeeded' | 'failed';
  /** User entity ref of who started the task. */
  actor?: string;
  startedAt: string;
  finishedAt: string;
  taskId: string;
  /** Resources added, changed, destroyed (when known). */
  summary?: { add: number; change: number; destroy: number };
  /** Template entity ref. */
  template?: string;
}

/** The result of the scheduled `plan -refresh-only -detailed-exitcode`. @public */
export type TerraformDrift =
  | { status: 'unchecked' }
  | { status: 'in-sync'; checkedAt: string }
  | {
      status: 'drifted';
      checkedAt: string;
      /** Addresses that changed or disappeared outside Terraform. */
      resources: string[];
    }
  | { status: 'error'; checkedAt: string; message: string };

/** How the card words a drift result: "in sync", "drifted: N resources", "error". @public */
export function describeDrift(drift: TerraformDrift): string {
  switch (drift.status) {
    case 'in-sync':
      return 'in sync';
    case 'drifted':
      return `drifted: ${drift.resources.length} resource${
        drift.resources.length === 1 ? '' : 's'
      }`;
    case 'error':
      return 'error';
    default:
      return 'not checked yet';
  }
}

/** Answer of `GET /entity/:kind/:namespace/:name/state`: everything the card shows, in one response. @public */
export interface TerraformStateResponse {
  /** The annotation's value. */
  location: string;
  /** False when no state exists yet at that location (never applied, or destroyed and removed). */
  exists: boolean;
  terraformVersion?: string;
  serial?: number;
  outputs: TerraformOutput[];
  resources: TerraformResource[];
  /** Newest first. */
  runs: TerraformRun[];
  drift: TerraformDrift;
  /** Whether the caller may run the drift check now (terraform.drift.check). */
  canCheckDrift: boolean;
  /** When the state was read from the cluster. */
  fetchedAt: string;
}
