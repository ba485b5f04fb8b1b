/** Small commands: `validate`, `force-unlock`, `state list`. */
import { parseFlags } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { type Diagnostic, TfError } from '../diagnostics';
import { resourceTypeOf } from '../engine/instances';
import { loadModule } from '../module/config';
import { forceUnlock } from '../state/lock';
import { readState } from '../state/stateFile';
import { HumanView } from '../ui/humanView';
import { openWorkspace, selectedWorkspace } from './operation';
import { reportError } from './report';

export async function validateCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const flags = parseFlags(
    args,
    { json: 'bool', 'no-color': 'bool' },
    'validate',
    ctx.flavor.command,
  );
  let diagnostics: Diagnostic[] = [];
  try {
    const config = await loadModule(ctx.layout.cwd);
    for (const block of config.resources.values())
      resourceTypeOf(config, block);
  } catch (e) {
    if (!(e instanceof TfError)) throw e;
    diagnostics = e.diagnostics;
  }
  const errors = diagnostics.filter(d => d.severity === 'error').length;
  if (flags.bools.json) {
    ctx.stdout(
      `${JSON.stringify(
        {
          format_version: '1.0',
          valid: errors === 0,
          error_count: errors,
          warning_count: diagnostics.length - errors,
          diagnostics,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const view = new HumanView(
      ctx.flavor,
      ctx.stdout,
      ctx.stderr,
      ctx.layout.cwd,
    );
    diagnostics.forEach(d => view.diagnostic(d));
    if (!errors) ctx.stdout('Success! The configuration is valid.\n\n');
  }
  return errors ? 1 : 0;
}

export async function forceUnlockCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const view = new HumanView(
    ctx.flavor,
    ctx.stdout,
    ctx.stderr,
    ctx.layout.cwd,
  );
  try {
    const flags = parseFlags(
      args,
      { force: 'bool' },
      'force-unlock',
      ctx.flavor.command,
    );
    const [id] = flags.positional;
    if (!id) throw new TfError('Expected a single argument: LOCK_ID', '');
    if (!flags.bools.force && !ctx.env.TF_IN_AUTOMATION) {
      ctx.stdout(
        "Do you really want to force-unlock?\n  Only 'yes' will be accepted to confirm.\n\n  Enter a value: ",
      );
      if ((await ctx.readLine()).trim() !== 'yes')
        throw new TfError('force-unlock cancelled.', '');
    }
    const ws = selectedWorkspace(ctx);
    if (ws.remote) await ws.remote.client.unlock(id);
    else forceUnlock(ws.stateFile, id);
    ctx.stdout(`${ctx.flavor.product} state has been successfully unlocked!\n`);
    return 0;
  } catch (e) {
    return reportError(view, e);
  }
}

export async function stateCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const view = new HumanView(
    ctx.flavor,
    ctx.stdout,
    ctx.stderr,
    ctx.layout.cwd,
  );
  try {
    if (args[0] !== 'list')
      throw new TfError(
        'Unsupported state subcommand',
        'The sandbox stand-in supports only "state list".',
      );
    const state = readState((await openWorkspace(ctx)).stateFile);
    for (const addr of [...state.instances.keys()].sort())
      ctx.stdout(`${addr}\n`);
    return 0;
  } catch (e) {
    return reportError(view, e);
  }
}
