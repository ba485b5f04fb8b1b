/** `workspace new | select | list | show | delete`. */
import { parseFlags } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { TfError } from '../diagnostics';
import { readState } from '../state/stateFile';
import {
  createWorkspace,
  currentWorkspace,
  deleteWorkspace,
  listWorkspaces,
  selectWorkspace,
  statePath,
  validateWorkspaceName,
} from '../state/workspace';
import { HumanView } from '../ui/humanView';
import { reportError } from './report';

const ENV_OVERRIDE = (name: string) =>
  `The selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable (set to "${name}").`;

export async function workspaceCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const view = new HumanView(
    ctx.flavor,
    ctx.stdout,
    ctx.stderr,
    ctx.layout.cwd,
  );
  const [sub, ...rest] = args;
  const { layout } = ctx;
  try {
    const flags = parseFlags(
      rest,
      {
        'or-create': 'bool',
        lock: 'bool',
        'lock-timeout': 'string',
        state: 'string',
        force: 'bool',
      },
      `workspace ${sub}`,
      ctx.flavor.command,
    );
    const [name] = flags.positional;
    const needName = () => {
      if (!name) throw new TfError('Expected a single argument: NAME.', '');
      validateWorkspaceName(name);
      return name;
    };
    switch (sub) {
      case 'show':
        ctx.stdout(`${currentWorkspace(layout)}\n`);
        return 0;
      case 'list': {
        const current = currentWorkspace(layout);
        for (const ws of listWorkspaces(layout))
          ctx.stdout(`${ws === current ? '*' : ' '} ${ws}\n`);
        ctx.stdout('\n');
        return 0;
      }
      case 'new': {
        const n = needName();
        if (ctx.env.TF_WORKSPACE && ctx.env.TF_WORKSPACE !== n)
          throw new TfError(
            'Workspace cannot be changed',
            ENV_OVERRIDE(ctx.env.TF_WORKSPACE),
          );
        createWorkspace(layout, n);
        selectWorkspace(layout, n);
        ctx.stdout(
          `Created and switched to workspace "${n}"!\n\nYou're now on a new, empty workspace. Workspaces isolate their state,\nso if you run "${ctx.flavor.command} plan" ${ctx.flavor.product} will not see any existing state\nfor this configuration.\n`,
        );
        return 0;
      }
      case 'select': {
        const n = needName();
        if (ctx.env.TF_WORKSPACE && ctx.env.TF_WORKSPACE !== n)
          throw new TfError(
            'Workspace cannot be changed',
            ENV_OVERRIDE(ctx.env.TF_WORKSPACE),
          );
        if (!listWorkspaces(layout).includes(n)) {
          if (!flags.bools['or-create']) {
            throw new TfError(
              `Workspace "${n}" doesn't exist.`,
              `You can create this workspace with the "new" subcommand\nor include the "-or-create" flag with the "select" subcommand.`,
            );
          }
          createWorkspace(layout, n);
          ctx.stdout(`Created and switched to workspace "${n}"!\n`);
        } else ctx.stdout(`Switched to workspace "${n}".\n`);
        selectWorkspace(layout, n);
        return 0;
      }
      case 'delete': {
        const n = needName();
        if (!listWorkspaces(layout).includes(n))
          throw new TfError(`Workspace "${n}" doesn't exist.`, '');
        if (n === currentWorkspace(layout))
          throw new TfError(
            `Workspace "${n}" is your active workspace.`,
            'You cannot delete the currently active workspace. Please switch\nto another workspace and try again.',
          );
        if (
          readState(statePath(layout, n)).instances.size &&
          !flags.bools.force
        ) {
          throw new TfError(
            'Workspace is not empty',
            `Workspace "${n}" is currently tracking resources. Destroy them first, or use -force to delete it anyway.`,
          );
        }
        deleteWorkspace(layout, n);
        ctx.stdout(`Deleted workspace "${n}"!\n`);
        return 0;
      }
      default:
        throw new TfError(
          'Unknown workspace subcommand',
          `Usage: ${ctx.flavor.command} workspace <new|select|list|show|delete> [NAME]`,
        );
    }
  } catch (e) {
    return reportError(view, e);
  }
}
