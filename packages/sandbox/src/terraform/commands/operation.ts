/** What plan, apply and destroy share: loading config and variables, the lock, planning. */
import fs from 'node:fs';
import { type ParsedFlags, parseTimeout } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { TfError } from '../diagnostics';
import {
  makePlan,
  type Plan,
  type PlanInput,
  refreshState,
} from '../engine/plan';
import { type ModuleConfig } from '../module/config';
import { resolveVariables, type VarArg } from '../module/variables';
import { providerSource } from '../providers';
import { checkInitialized } from '../providers/lockFile';
import { acquireLock, type HeldLock } from '../state/lock';
import { readState, type State, StateWriter } from '../state/stateFile';
import {
  currentWorkspace,
  statePath,
  validateWorkspaceName,
} from '../state/workspace';
import {
  acquireRemoteLock,
  openRemoteState,
  pullRemoteState,
  type RemoteState,
} from '../state/remoteState';
import type { View } from '../ui/view';

export const OPERATION_FLAGS = {
  var: 'multi',
  'var-file': 'multi',
  lock: 'bool',
  'lock-timeout': 'string',
  parallelism: 'string',
  json: 'bool',
  input: 'bool',
  refresh: 'bool',
  'no-color': 'bool',
  'compact-warnings': 'bool',
  state: 'string',
  replace: 'multi',
} as const;

export function replaceAddrs(flags: ParsedFlags): string[] {
  return flags.multi.filter(m => m.name === 'replace').map(m => m.value);
}

export function varArgs(flags: ParsedFlags): VarArg[] {
  return flags.multi
    .filter(m => m.name === 'var' || m.name === 'var-file')
    .map(m =>
      m.name === 'var'
        ? { kind: 'var', text: m.value }
        : { kind: 'file', path: m.value },
    );
}

export function parallelismOf(flags: ParsedFlags): number {
  const raw = flags.strings.parallelism;
  if (raw === undefined) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new TfError(
      'Invalid parallelism',
      `The -parallelism value must be a whole number of at least 1, got "${raw}".`,
    );
  return n;
}

export interface Workspace {
  name: string;
  /** The state file; for a remote backend, a local copy kept while the command runs. */
  stateFile: string;
  remote?: RemoteState;
}

export function selectedWorkspace(ctx: CommandContext): Workspace {
  const name = currentWorkspace(ctx.layout);
  validateWorkspaceName(name);
  const remote = openRemoteState(ctx.layout, name);
  if (remote) return { name, stateFile: remote.copyFile, remote };
  return { name, stateFile: statePath(ctx.layout, name) };
}

/** The selected workspace with its state readable: a remote state is fetched first. */
export async function openWorkspace(ctx: CommandContext): Promise<Workspace> {
  const ws = selectedWorkspace(ctx);
  if (ws.remote) await pullRemoteState(ws.remote);
  return ws;
}

export function assertInitialized(ctx: CommandContext, config: ModuleConfig) {
  checkInitialized(
    ctx.layout.cwd,
    fs.existsSync(ctx.layout.dataDir),
    config,
    ctx.flavor.registryHost,
    ctx.flavor.command,
  );
}

export function stateWriter(ctx: CommandContext, ws: Workspace): StateWriter {
  return new StateWriter(
    ws.stateFile,
    ctx.flavor.version,
    p => providerSource(p, ctx.flavor.registryHost),
    ws.remote && (text => ws.remote!.queuePush(text)),
  );
}

/** Runs `fn` holding the state lock (unless -lock=false); the lock is released however fn ends. */
export async function withStateLock<T>(
  ctx: CommandContext,
  flags: ParsedFlags,
  ws: Workspace,
  operation: string,
  fn: (lock: HeldLock | undefined) => Promise<T>,
): Promise<T> {
  const lockOptions = {
    timeoutMs: parseTimeout(flags.strings['lock-timeout']),
    version: ctx.flavor.version,
    product: ctx.flavor.product,
    command: ctx.flavor.command,
    signal: ctx.signal,
  };
  if (ws.remote) {
    const remote = ws.remote;
    const lock =
      flags.bools.lock === false
        ? undefined
        : await acquireRemoteLock(remote, operation, lockOptions);
    // A second interrupt or SIGKILL never reaches `finally`: the Lease keeps its holder, as with Terraform.
    try {
      await pullRemoteState(remote);
      const result = await fn(lock);
      await remote.flush();
      return result;
    } finally {
      await remote.flush().catch(() => undefined);
      await lock?.release();
    }
  }
  if (flags.bools.lock === false) return fn(undefined);
  const lock = await acquireLock(ws.stateFile, operation, lockOptions);
  // A second interrupt exits at once without reaching `finally`: the lock stays, as with Terraform.
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}

export interface PreparedPlan {
  input: PlanInput;
  plan: Plan;
  /** State after refresh: the starting point for apply. */
  working: State;
  /** State as read, for the saved plan's staleness check. */
  prior: { lineage: string; serial: number };
}

/** Reads and refreshes state, then plans. Call inside withStateLock. */
export async function planAgainstState(
  ctx: CommandContext,
  view: View,
  ws: Workspace,
  base: Omit<PlanInput, 'prior'>,
  refresh: boolean,
): Promise<PreparedPlan> {
  const working = readState(ws.stateFile);
  const prior = { lineage: working.lineage, serial: working.serial };
  if (refresh) await refreshState(working, view, ctx.layout.cwd);
  const input: PlanInput = { ...base, prior: working };
  const plan = makePlan(input);
  // The planner reads prior state; the applier mutates a copy.
  const copy: State = {
    ...working,
    instances: new Map([...working.instances].map(([k, v]) => [k, { ...v }])),
    outputs: { ...working.outputs },
  };
  return { input: { ...input, prior: copy }, plan, working: copy, prior };
}

export async function loadVariables(
  config: ModuleConfig,
  ctx: CommandContext,
  flags: ParsedFlags,
  view: View,
) {
  const vars = await resolveVariables(config, ctx.env, varArgs(flags));
  vars.warnings.forEach(w => view.diagnostic(w));
  return vars;
}
