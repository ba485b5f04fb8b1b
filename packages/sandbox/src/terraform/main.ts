/**
 * Entry point of the sandbox's `terraform` / `tofu` stand-in: global flags (-chdir,
 * -version, -help), TF_CLI_ARGS, signal handling, and the command table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withEnvArgs } from './cli/args';
import type { CommandContext } from './cli/context';
import { applyCommand } from './commands/apply';
import { initCommand } from './commands/init';
import {
  forceUnlockCommand,
  stateCommand,
  validateCommand,
} from './commands/misc';
import { outputCommand } from './commands/output';
import { planCommand } from './commands/plan';
import { reportError } from './commands/report';
import { showCommand } from './commands/show';
import { versionCommand } from './commands/version';
import { workspaceCommand } from './commands/workspace';
import { type Flavor, TERRAFORM, TOFU } from './flavor';
import { makeLayout } from './state/workspace';
import { HumanView } from './ui/humanView';

type Command = (ctx: CommandContext, args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  version: versionCommand,
  init: initCommand,
  plan: planCommand,
  apply: (ctx, args) => applyCommand(ctx, args, false),
  destroy: (ctx, args) => applyCommand(ctx, args, true),
  output: outputCommand,
  show: showCommand,
  workspace: workspaceCommand,
  validate: validateCommand,
  'force-unlock': forceUnlockCommand,
  state: stateCommand,
};

function usage(flavor: Flavor): string {
  return `Usage: ${flavor.command} [global options] <subcommand> [args]

The sandbox stand-in for ${flavor.product} (development and tests only).

Main commands:
  init          Prepare your working directory for other commands
  validate      Check whether the configuration is valid
  plan          Show changes required by the current configuration
  apply         Create or update infrastructure
  destroy       Destroy previously-created infrastructure

Other commands:
  force-unlock  Release a stuck lock on the current workspace
  output        Show output values from your root module
  show          Show the current state or a saved plan
  state list    List resources in the state
  version       Show the current ${flavor.product} version
  workspace     Workspace management

Global options (use these before the subcommand, if any):
  -chdir=DIR    Switch to a different working directory before executing the
                given subcommand.
  -help         Show this help output, or the help for a specified subcommand.
  -version      An alias for the "version" subcommand.
`;
}

/** Reads one line from stdin; an interrupt answers "" (so the prompt counts as declined). */
function readLineFromStdin(signal: AbortSignal): Promise<string> {
  return new Promise(resolve => {
    let buf = '';
    const listeners: {
      data?: (chunk: Buffer) => void;
      end?: () => void;
      abort?: () => void;
    } = {};
    const done = (line: string) => {
      signal.removeEventListener('abort', listeners.abort!);
      process.stdin.off('data', listeners.data!);
      process.stdin.off('end', listeners.end!);
      process.stdin.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) done(buf.slice(0, nl));
    };
    const onEnd = () => done(buf);
    listeners.abort = () => done('');
    signal.addEventListener('abort', listeners.abort, { once: true });
    listeners.data = onData;
    listeners.end = onEnd;
    process.stdin.on('data', onData);
    process.stdin.on('end', onEnd);
    process.stdin.resume();
  });
}

/** Runs one invocation and returns its exit code. */
export async function run(
  argv: string[],
  flavor: Flavor,
  env: NodeJS.ProcessEnv,
  controller: AbortController,
  ctxOut?: { ctx?: CommandContext },
): Promise<number> {
  const stdout = (t: string) => void process.stdout.write(t);
  const stderr = (t: string) => void process.stderr.write(t);
  let args = [...argv];
  let chdir: string | undefined;
  while (args[0]?.startsWith('-')) {
    const flag = args.shift()!;
    const m = /^--?chdir=(.*)$/.exec(flag);
    if (m) chdir = m[1];
    else if (/^--?(v|version)$/.test(flag)) args = ['version', ...args];
    else if (/^--?(h|help)$/.test(flag)) args = [];
    else {
      stderr(`${usage(flavor)}\nError: unknown global option ${flag}\n`);
      return 1;
    }
    if (args[0] === 'version') break;
  }
  const [command, ...rest] = args;
  if (!command) {
    stdout(usage(flavor));
    return argv.some(a => /^--?(h|help)$/.test(a)) ? 0 : 127;
  }
  const cwd = path.resolve(process.cwd(), chdir ?? '.');
  const ctx: CommandContext = {
    flavor,
    layout: makeLayout(cwd, env),
    env,
    stdout,
    stderr,
    signal: controller.signal,
    readLine: () => readLineFromStdin(controller.signal),
  };
  if (ctxOut) ctxOut.ctx = ctx;
  const fn = COMMANDS[command];
  if (!fn) {
    stderr(
      `${flavor.product} has no command named "${command}".\n\nTo see all of ${flavor.product}'s top-level commands, run:\n  ${flavor.command} -help\n\n`,
    );
    return 1;
  }
  if (
    chdir !== undefined &&
    !(fs.existsSync(cwd) && fs.statSync(cwd).isDirectory())
  ) {
    stderr(
      `Error handling -chdir option: chdir ${chdir}: no such file or directory\n`,
    );
    return 1;
  }
  const full =
    command === 'workspace' && rest.length
      ? [rest[0], ...withEnvArgs(`workspace_${rest[0]}`, rest.slice(1), env)]
      : withEnvArgs(command, rest, env);
  try {
    return await fn(ctx, full);
  } catch (e) {
    return reportError(ctx.view ?? new HumanView(flavor, stdout, stderr), e);
  }
}

/** Process entry used by bin/terraform and bin/tofu. */
export function main(argv: string[], name: 'terraform' | 'tofu'): void {
  const flavor = name === 'tofu' ? TOFU : TERRAFORM;
  const controller = new AbortController();
  const holder: { ctx?: CommandContext } = {};
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      // Graceful: stop starting work, let the current resource finish or abort, write state, unlock.
      holder.ctx?.view?.interrupted();
      if (!holder.ctx?.view)
        process.stderr.write(
          'Interrupt received.\nGracefully shutting down...\n',
        );
      controller.abort();
      return;
    }
    // Like Terraform: the second interrupt exits at once; the state lock is left behind.
    process.stderr.write(
      'Two interrupts received. Exiting immediately. Note that data\nloss may have occurred.\n',
    );
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  run(argv, flavor, process.env, controller, holder).then(
    code => process.exit(code),
    e => {
      process.stderr.write(`${String(e?.stack ?? e)}\n`);
      process.exit(1);
    },
  );
}
