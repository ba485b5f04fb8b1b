/**
 * Saved plans (`plan -out=FILE`). The stand-in's own format (JSON): the changes, the
 * variables, a snapshot of the configuration, and the state it was made against
 * (lineage and serial), so `apply FILE` can refuse a stale plan like Terraform.
 */
import fs from 'node:fs';
import { TfError } from '../diagnostics';
import { isUnknown, UNKNOWN } from '../hcl/values';
import type { OutputChange, ResourceChange } from './types';

const FORMAT = 'edp-sandbox-terraform-plan';
const UNKNOWN_MARK = { '(known after apply)': true };

export interface SavedPlan {
  format: typeof FORMAT;
  formatVersion: 1;
  terraformVersion: string;
  createdAt: string;
  workspace: string;
  destroy: boolean;
  /** -replace addresses, so applying the plan replaces them again. */
  replace: string[];
  prior: { lineage: string; serial: number };
  variables: Record<string, unknown>;
  sensitiveVariables: string[];
  sources: Record<string, string>;
  changes: ResourceChange[];
  outputs: OutputChange[];
  errored: boolean;
}

export function writePlanFile(
  file: string,
  plan: Omit<SavedPlan, 'format' | 'formatVersion'>,
) {
  const body = JSON.stringify(
    { format: FORMAT, formatVersion: 1, ...plan },
    (_k, v) => (isUnknown(v) ? UNKNOWN_MARK : v),
  );
  fs.writeFileSync(file, body);
}

export function readPlanFile(file: string, command: string): SavedPlan {
  let raw: any;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'), (_k, v) =>
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      v['(known after apply)'] === true &&
      Object.keys(v).length === 1
        ? UNKNOWN
        : v,
    );
  } catch (e) {
    throw new TfError(
      `Failed to load "${file}" as a plan file`,
      `Error: ${(e as Error).message}`,
    );
  }
  if (raw?.format !== FORMAT) {
    throw new TfError(
      `Failed to load "${file}" as a plan file`,
      `The file is not a plan file created by "${command} plan -out".`,
    );
  }
  return raw;
}

export function isPlanFile(file: string): boolean {
  try {
    const head = fs.readFileSync(file, 'utf8').slice(0, 200);
    return head.includes(FORMAT);
  } catch {
    return false;
  }
}
