import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import {
  CONFIG_KEYS,
  type TerraformRunConfig,
} from '@edp/plugin-terraform-node';

/** Left behind by earlier runs in a module folder; never copied into a task. */
const SKIPPED =
  /^(\.terraform|terraform\.tfstate.*|\.terraform\.tfstate\.lock\.info|.*\.tfplan)$/;

/**
 * `edp:terraform:module:fetch` (formerly `edp:terraform:fetchModule`): copies a module that app-config offers (edp.terraform.modules)
 * into the task workspace. fetch:plain cannot do this for modules kept outside the template's
 * folder (it refuses file paths outside it), and a template must not name arbitrary host paths.
 * @public
 */
export function createTerraformFetchModuleAction(options: {
  config: TerraformRunConfig;
}) {
  const { modules } = options.config;
  return createTemplateAction({
    id: 'edp:terraform:module:fetch',
    description: `Copies a Terraform module offered in app-config (${CONFIG_KEYS.modules}) into the task workspace.`,
    supportsDryRun: true,
    examples: [
      {
        description:
          'Copy the module "hello" to ./infra, then run it with edp:terraform:run.',
        example: yaml.stringify({
          steps: [
            {
              id: 'module',
              action: 'edp:terraform:module:fetch',
              name: 'Fetch the module',
              input: { module: 'hello', targetPath: 'infra' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        module: z =>
          z.string({
            description: `Name of a module in ${CONFIG_KEYS.modules}.`,
          }),
        targetPath: z =>
          z
            .string({
              description:
                'Folder in the workspace to copy it to (default: infra).',
            })
            .optional(),
      },
      output: {
        path: z =>
          z.string({
            description: 'Where the module now is, relative to the workspace.',
          }),
        files: z =>
          z.array(z.string(), { description: 'The .tf files copied.' }),
      },
    },
    async handler(ctx) {
      const source = Object.prototype.hasOwnProperty.call(
        modules,
        ctx.input.module,
      )
        ? modules[ctx.input.module]
        : undefined;
      if (!source) {
        const known = Object.keys(modules);
        throw new InputError(
          `module "${ctx.input.module}" is not offered; known modules: ${
            known.length
              ? known.join(', ')
              : `none (set ${CONFIG_KEYS.modules})`
          }.`,
        );
      }
      const targetPath = ctx.input.targetPath ?? 'infra';
      let target: string;
      try {
        target = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new InputError(
          `targetPath "${targetPath}" points outside the task workspace.`,
        );
      }
      const existing = await fs.stat(target).catch(() => undefined);
      if (existing && !existing.isDirectory()) {
        throw new InputError(
          `targetPath "${targetPath}" is a file in the task workspace; choose a folder name that is free or already a folder.`,
        );
      }
      await fs.cp(source, target, {
        recursive: true,
        filter: src => !SKIPPED.test(path.basename(src)),
      });
      const files = (await fs.readdir(target))
        .filter(f => f.endsWith('.tf'))
        .sort();
      ctx.logger.info(
        `Copied module ${ctx.input.module} (${files.join(
          ', ',
        )}) to ${targetPath}`,
      );
      ctx.output('path', targetPath);
      ctx.output('files', [...files]); // a plain array literal: templating rejects foreign array prototypes
    },
  });
}
