/** `version` and `version -json`. */
import { parseFlags } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { platform } from '../flavor';
import { readLockFile } from '../providers/lockFile';

export async function versionCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const flags = parseFlags(
    args,
    { json: 'bool' },
    'version',
    ctx.flavor.command,
  );
  const selections = readLockFile(ctx.layout.cwd);
  const { product, version } = ctx.flavor;
  if (flags.bools.json) {
    const body = {
      terraform_version: version,
      platform: platform(),
      provider_selections: selections,
      terraform_outdated: false,
    };
    ctx.stdout(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const lines = [`${product} v${version}`, `on ${platform()}`];
  for (const [source, v] of Object.entries(selections))
    lines.push(`+ provider ${source} v${v}`);
  ctx.stdout(`${lines.join('\n')}\n`);
  return 0;
}
