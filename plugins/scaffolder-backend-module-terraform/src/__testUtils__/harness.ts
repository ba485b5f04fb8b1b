import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditorService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { TerraformRunConfig } from '@edp/plugin-terraform-node';
import { createTerraformRunAction } from '../actions/run';
import { ApprovalUsedError, type ApprovalLedger } from '../state/approvals';

/** The approval ledger's contract in memory (the database one has its own test). */
export function memoryApprovals(): ApprovalLedger {
  const used = new Map<string, string>();
  return {
    async consume(stateKey, digest, taskId) {
      const key = `${stateKey} ${digest}`;
      const by = used.get(key);
      if (by && by !== taskId)
        throw new ApprovalUsedError(digest, by, 'earlier');
      used.set(key, taskId);
    },
  };
}

/** The sandbox's terraform stand-in: a real executable, run as a real process. */
export const STAND_IN = path.resolve(
  __dirname,
  '../../../../packages/sandbox/bin/terraform',
);
export const FIXTURES = path.resolve(__dirname, '../__fixtures__/modules');
/** The sample modules the sandbox ships (and the terraform-run template offers). */
export const SANDBOX_MODULES = path.resolve(
  __dirname,
  '../../../../packages/sandbox/modules',
);

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  at: number;
}

/** A LoggerService that keeps every line, the way the task log would receive it. */
export function capturingLogger(): {
  logger: LoggerService;
  entries: LogEntry[];
} {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string) => {
    entries.push({ level, message, at: Date.now() });
  };
  const logger: LoggerService = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return { logger, entries };
}

export function allowAll(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
): PermissionsService & {
  authorize: jest.Mock;
} {
  return {
    authorize: jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({ result })),
    ),
    authorizeConditional: jest.fn(),
  } as any;
}

export function testConfig(
  overrides: Partial<TerraformRunConfig> = {},
): TerraformRunConfig {
  return {
    binary: STAND_IN,
    flavor: 'terraform',
    cancelGracePeriodMs: 10_000,
    modules: {},
    ...overrides,
  };
}

/** A fresh task workspace with a fixture module copied to `infra/`. */
export function workspaceWith(fixture: string, from = FIXTURES): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-action-'));
  const workspace = path.join(root, 'workspace');
  fs.cpSync(path.join(from, fixture), path.join(workspace, 'infra'), {
    recursive: true,
  });
  return workspace;
}

export interface RunOptions {
  workspacePath: string;
  input: Record<string, unknown>;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  signal?: AbortSignal;
  config?: TerraformRunConfig;
  permissions?: PermissionsService;
  approvals?: ApprovalLedger;
  auditor?: AuditorService;
  /** The task's id (approvals, checkpoints); default the mock's "mock-task-id". */
  taskId?: string;
  /**
   * Adds `ephemeralState: true` unless the input says otherwise: most tests exercise the CLI
   * contract, not where the state lives, and apply refuses a workspace state without it.
   */
  ephemeralState?: boolean;
  /** Replaces the mock's checkpoint (which always runs fn), e.g. to simulate a recovered task. */
  checkpoint?: (opts: {
    key: string;
    fn: () => Promise<unknown>;
  }) => Promise<unknown>;
}

/** Runs the action handler like the scaffolder would; returns outputs and log, never throws. */
export async function runAction(options: RunOptions) {
  const { logger, entries } = capturingLogger();
  const action = createTerraformRunAction({
    config: options.config ?? testConfig(),
    permissions: options.permissions ?? allowAll(),
    approvals: options.approvals ?? memoryApprovals(),
    auditor: options.auditor,
  });
  const input =
    'ephemeralState' in options.input
      ? options.input
      : { ...options.input, ephemeralState: options.ephemeralState ?? true };
  const ctx = createMockActionContext({
    input: input as any,
    secrets: options.secrets,
    logger,
    workspacePath: options.workspacePath,
  });
  const tmpRoot = path.dirname(options.workspacePath);
  Object.assign(ctx, {
    ...(options.taskId && { task: { id: options.taskId } }),
    isDryRun: options.isDryRun,
    signal: options.signal,
    ...(options.checkpoint && { checkpoint: options.checkpoint }),
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(tmpRoot, 'step-')),
  });
  let error: Error | undefined;
  try {
    await action.handler(ctx as any);
  } catch (e) {
    error = e as Error;
  }
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { outputs, entries, log: entries.map(e => e.message), error, ctx };
}
