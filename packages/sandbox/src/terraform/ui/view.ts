/** What commands report, independent of human or `-json` output. */
import type { Diagnostic } from '../diagnostics';
import type {
  ChangeCounts,
  InstanceAddr,
  OutputChange,
  ResourceChange,
} from '../engine/types';

export type Operation = 'plan' | 'apply' | 'destroy';
export type HookAction = 'create' | 'update' | 'delete';

export interface OutputValue {
  sensitive: boolean;
  type: unknown;
  value: unknown;
}

export interface View {
  readonly json: boolean;
  /** The opening `version` message (JSON only). */
  start(): void;
  log(message: string, level?: 'info' | 'warn' | 'error'): void;
  diagnostic(d: Diagnostic): void;
  refreshStart(addr: InstanceAddr, provider: string, idValue: string): void;
  refreshComplete(addr: InstanceAddr, provider: string, idValue: string): void;
  /** An object in state is gone or changed outside Terraform (found by refresh). */
  resourceDrift(
    addr: InstanceAddr,
    provider: string,
    action: 'delete' | 'update',
  ): void;
  /** The end of a refresh-only plan: how many objects changed outside Terraform. */
  refreshOnlySummary(drifted: number): void;
  /** The whole plan: one planned_change per change, output changes, the summary. */
  plan(
    changes: ResourceChange[],
    outputs: OutputChange[],
    counts: ChangeCounts,
    operation: Operation,
  ): void;
  applyStart(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    idValue?: string,
  ): void;
  applyProgress(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
  ): void;
  applyComplete(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
    idValue?: string,
  ): void;
  applyErrored(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
  ): void;
  applySummary(counts: ChangeCounts, operation: 'apply' | 'destroy'): void;
  outputs(outputs: Record<string, OutputValue>): void;
  interrupted(): void;
}

const VERB: Record<HookAction, [string, string, string, string]> = {
  // start, progress, complete, errored
  create: [
    'Creating...',
    'Still creating...',
    'Creation complete',
    'Creation errored',
  ],
  update: [
    'Modifying...',
    'Still modifying...',
    'Modifications complete',
    'Modifications errored',
  ],
  delete: [
    'Destroying...',
    'Still destroying...',
    'Destruction complete',
    'Destruction errored',
  ],
};

export function hookMessage(
  kind: 0 | 1 | 2 | 3,
  addr: string,
  action: HookAction,
  elapsed = 0,
  id?: string,
): string {
  const idPart = id !== undefined ? ` [id=${id}]` : '';
  const verb = VERB[action][kind];
  if (kind === 0) return `${addr}: ${verb}${idPart}`;
  if (kind === 1) return `${addr}: ${verb} [${elapsed}s elapsed]`;
  return `${addr}: ${verb} after ${elapsed}s${kind === 2 ? idPart : ''}`;
}

export function summaryMessage(
  counts: ChangeCounts,
  operation: Operation,
): string {
  if (operation === 'destroy' && counts.add === 0 && counts.change === 0) {
    return `Destroy complete! Resources: ${counts.remove} destroyed.`;
  }
  if (operation === 'plan')
    return `Plan: ${counts.add} to add, ${counts.change} to change, ${counts.remove} to destroy.`;
  return `Apply complete! Resources: ${counts.add} added, ${counts.change} changed, ${counts.remove} destroyed.`;
}

export const INTERRUPT_MESSAGE =
  'Interrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...';
