/** What every command gets: where it runs, its environment, output, and the interrupt signal. */
import type { Flavor } from '../flavor';
import { type Layout } from '../state/workspace';
import { HumanView } from '../ui/humanView';
import { JsonView } from '../ui/jsonView';
import type { View } from '../ui/view';

export interface CommandContext {
  flavor: Flavor;
  layout: Layout;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** The view in use, so the interrupt handler can report through it. */
  view?: View;
  /** Reads one line from stdin (for interactive approval). */
  readLine(): Promise<string>;
}

export function createView(ctx: CommandContext, json: boolean): View {
  const view = json
    ? new JsonView(ctx.flavor, ctx.stdout, ctx.layout.cwd)
    : new HumanView(ctx.flavor, ctx.stdout, ctx.stderr, ctx.layout.cwd);
  ctx.view = view;
  view.start();
  return view;
}
