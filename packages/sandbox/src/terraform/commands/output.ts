/** `output`: all outputs, one by name, `-json` (one object) or `-raw`. */
import { parseFlags } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { TfError } from '../diagnostics';
import { renderValue } from '../hcl/values';
import { readState } from '../state/stateFile';
import { HumanView } from '../ui/humanView';
import { reportError } from './report';
import { openWorkspace } from './operation';

export async function outputCommand(
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
      { json: 'bool', raw: 'bool', 'no-color': 'bool', state: 'string' },
      'output',
      ctx.flavor.command,
    );
    const [name, ...extra] = flags.positional;
    if (extra.length)
      throw new TfError(
        'Unexpected argument',
        'The output command expects exactly one argument with the name of an output variable or no arguments to show all outputs.',
      );
    if (flags.bools.json && flags.bools.raw)
      throw new TfError(
        'Invalid output format',
        'The -raw and -json options are mutually-exclusive.',
      );
    const outputs = readState((await openWorkspace(ctx)).stateFile).outputs;
    if (name !== undefined) {
      const o = outputs[name];
      if (!o) {
        throw new TfError(
          `Output "${name}" not found`,
          "The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `terraform apply`, since the state won't be updated with new output variables until that command is run.",
        );
      }
      if (flags.bools.json) ctx.stdout(`${JSON.stringify(o.value)}\n`);
      else if (flags.bools.raw) {
        if (typeof o.value === 'object' && o.value !== null) {
          throw new TfError(
            'Unsupported value for raw output',
            `The -raw option only supports strings, numbers, and boolean values, but output value "${name}" is ${
              Array.isArray(o.value) ? 'a list' : 'an object'
            }.\n\nUse the -json option for machine-readable representations of output values that have complex types.`,
          );
        }
        ctx.stdout(String(o.value));
      } else ctx.stdout(`${renderValue(o.value)}\n`);
      return 0;
    }
    if (flags.bools.json) {
      const sorted = Object.fromEntries(
        Object.keys(outputs)
          .sort()
          .map(k => [
            k,
            {
              sensitive: outputs[k].sensitive,
              type: outputs[k].type,
              value: outputs[k].value,
            },
          ]),
      );
      ctx.stdout(`${JSON.stringify(sorted, null, 2)}\n`);
      return 0;
    }
    const names = Object.keys(outputs).sort();
    if (!names.length) {
      view.diagnostic({
        severity: 'warning',
        summary: 'No outputs found',
        detail:
          'The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `terraform refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `terraform console` command to assist.',
      });
      return 0;
    }
    for (const k of names)
      ctx.stdout(
        `${k} = ${
          outputs[k].sensitive ? '<sensitive>' : renderValue(outputs[k].value)
        }\n`,
      );
    return 0;
  } catch (e) {
    return reportError(view, e);
  }
}
