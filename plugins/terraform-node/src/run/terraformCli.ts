import fs from 'node:fs';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { runProcess } from './runProcess';
import { formatMessage, type LogLine } from './formatMessage';
import { parseLine, type ChangeCounts, type Diagnostic } from './messages';
import {
  describeLockHolder,
  isLockDiagnostic,
  parseLockHolder,
} from './lockInfo';
import type { Redactor } from './redactor';

/** @public */
export interface TerraformCliOptions {
  binary: string;
  /** `terraform` or `tofu`: used in messages only. */
  cli: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: LoggerService;
  redactor: Redactor;
  signal?: AbortSignal;
  gracePeriodMs: number;
  workspace?: string;
}

/** What one command printed, gathered from its -json stream. @public */
export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  diagnostics: Diagnostic[];
  changes?: ChangeCounts;
  planned: Array<{ address: string; action: string }>;
  applied: Array<{ address: string; action: string }>;
  errored: string[];
  /** Addresses a refresh found changed or gone outside Terraform (`resource_drift`). */
  drifted: string[];
}

/** A failed command; `message` is already redacted and readable. @public */
export class TerraformCommandError extends Error {
  constructor(message: string, readonly result: CommandResult) {
    super(message);
    this.name = 'TerraformCommandError';
  }
}

/** Runs CLI commands in one working directory and turns their -json streams into log lines. @public */
export class TerraformCli {
  /** A command of this CLI had to be killed (SIGKILL) after a cancel: its lock may be left. */
  killed = false;

  constructor(private readonly options: TerraformCliOptions) {}

  /** The same CLI for clean-up after a cancel: the task's abort signal no longer stops it. */
  withoutSignal(): TerraformCli {
    return new TerraformCli({ ...this.options, signal: undefined });
  }

  log(line: LogLine): void {
    const text = this.options.redactor.redact(line.text);
    this.options.logger[line.level](text);
  }

  /**
   * Runs `<cli> <args>`; exit codes listed in `okExitCodes` count as success.
   * With `collect`, stdout is returned whole instead of logged (output -json, show -json).
   */
  async run(
    args: string[],
    opts: { okExitCodes?: number[]; collect?: boolean; quiet?: boolean } = {},
  ): Promise<CommandResult> {
    const { binary, cwd, env, signal, gracePeriodMs, cli } = this.options;
    if (signal?.aborted) {
      throw new Error(
        `The task was cancelled before \`${cli} ${args[0]}\` started.`,
      );
    }
    const result: CommandResult = {
      exitCode: null,
      stdout: '',
      diagnostics: [],
      planned: [],
      applied: [],
      errored: [],
      drifted: [],
    };
    const onLine = (line: string, stream: 'stdout' | 'stderr') => {
      if (!line.trim()) return;
      const message = parseLine(line);
      if (opts.quiet) {
        if (message) this.collect(message, result);
        return;
      }
      if (!message) {
        this.log({ level: stream === 'stderr' ? 'warn' : 'info', text: line });
        return;
      }
      this.collect(message, result);
      const formatted = formatMessage(message);
      if (formatted) this.log(formatted);
    };
    const outcome = await runProcess({
      command: binary,
      args,
      cwd,
      env,
      onLine,
      collectStdout: opts.collect,
      signal,
      gracePeriodMs,
    });
    result.exitCode = outcome.exitCode;
    result.stdout = outcome.stdout;
    if (outcome.cancelled) {
      this.killed ||= outcome.killed;
      this.reportCancel(outcome.killed);
      throw new TerraformCommandError(
        `${this.options.cli} ${args[0]} was cancelled`,
        result,
      );
    }
    if (!(opts.okExitCodes ?? [0]).includes(outcome.exitCode ?? -1)) {
      throw new TerraformCommandError(
        this.describeFailure(args[0], result),
        result,
      );
    }
    return result;
  }

  private collect(
    message: ReturnType<typeof parseLine> & {},
    result: CommandResult,
  ) {
    switch (message.type) {
      case 'diagnostic':
        if (message.diagnostic) result.diagnostics.push(message.diagnostic);
        break;
      case 'change_summary':
        result.changes = message.changes;
        break;
      case 'planned_change':
        if (message.change && message.change.action !== 'noop') {
          result.planned.push({
            address: message.change.resource.addr,
            action: message.change.action,
          });
        }
        break;
      case 'apply_complete':
        if (message.hook) {
          result.applied.push({
            address: message.hook.resource.addr,
            action: message.hook.action ?? 'create',
          });
        }
        break;
      case 'resource_drift':
        if (message.change) result.drifted.push(message.change.resource.addr);
        break;
      case 'apply_errored':
        if (message.hook) result.errored.push(message.hook.resource.addr);
        break;
      default:
        break;
    }
  }

  private describeFailure(command: string, result: CommandResult): string {
    const { cli, redactor } = this.options;
    const lock = result.diagnostics.find(isLockDiagnostic);
    if (lock) {
      return redactor.redact(
        `${cli} ${command} could not lock the state: ${describeLockHolder(
          parseLockHolder(lock),
          cli,
        )}`,
      );
    }
    const errors = result.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => {
        const where = d.range
          ? ` (${d.range.filename}:${d.range.start.line})`
          : '';
        return `${d.summary}${where}`;
      });
    const reason = errors.length ? `: ${errors.join('; ')}` : '';
    return redactor.redact(
      `${cli} ${command} failed with exit code ${result.exitCode}${reason}`,
    );
  }

  /** After a cancel, say whether the state lock may be left behind. */
  private reportCancel(killed: boolean) {
    const { cli, logger, cwd, workspace } = this.options;
    const lockFiles = [
      path.join(cwd, '.terraform.tfstate.lock.info'),
      ...(workspace
        ? [
            path.join(
              cwd,
              'terraform.tfstate.d',
              workspace,
              '.terraform.tfstate.lock.info',
            ),
          ]
        : []),
    ].filter(f => fs.existsSync(f));
    if (killed) {
      logger.warn(
        `${cli} did not stop within the grace period and was killed (SIGKILL): the state lock may still be held. ` +
          `Check the state backend and release it with \`${cli} force-unlock <LOCK_ID>\` once no run is active.`,
      );
    } else if (lockFiles.length) {
      logger.warn(
        `${cli} stopped after the interrupt but a lock file remains (${lockFiles
          .map(f => path.relative(cwd, f))
          .join(', ')}): the state lock may still be held.`,
      );
    } else {
      logger.info(
        `${cli} stopped gracefully after the interrupt; it saved its state and released the state lock.`,
      );
    }
  }
}
