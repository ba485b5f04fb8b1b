/** `init`: records the backend, "installs" providers (writes the lock file) and creates the data dir. */
import fs from 'node:fs';
import path from 'node:path';
import { parseHcl } from '../hcl/parseHcl';
import { parseFlags } from '../cli/args';
import { type CommandContext, createView } from '../cli/context';
import { TfError } from '../diagnostics';
import { evaluateConstant } from '../hcl/types';
import { hclErrorToDiagnostics, loadModule } from '../module/config';
import { PROVIDER_VERSIONS, providerSource } from '../providers';
import { requiredProviders, writeLockFile } from '../providers/lockFile';
import {
  readBackend,
  validateWorkspaceName,
  writeBackend,
} from '../state/workspace';
import {
  isKubernetesBackendKey,
  KubernetesStateClient,
  kubernetesSettings,
} from '../state/kubernetesBackend';
import { reportError } from './report';

const SUPPORTED_BACKENDS = ['local', 'kubernetes'];

const FLAGS = {
  input: 'bool',
  backend: 'bool',
  'backend-config': 'multi',
  reconfigure: 'bool',
  'migrate-state': 'bool',
  'force-copy': 'bool',
  upgrade: 'bool',
  get: 'bool',
  lock: 'bool',
  'lock-timeout': 'string',
  'no-color': 'bool',
  json: 'bool',
  'plugin-dir': 'multi',
  lockfile: 'string',
} as const;

async function backendConfigValues(
  ctx: CommandContext,
  values: string[],
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq > 0) {
      out[v.slice(0, eq)] = v.slice(eq + 1);
      continue;
    }
    const file = path.resolve(ctx.layout.cwd, v);
    if (!fs.existsSync(file)) {
      throw new TfError(
        'Invalid backend configuration argument',
        `The -backend-config="${v}" argument is neither a key=value pair nor an existing file.`,
      );
    }
    const text = fs.readFileSync(file, 'utf8');
    try {
      Object.assign(
        out,
        evaluateConstant(await parseHcl(path.basename(file), text)),
      );
    } catch (e) {
      throw TfError.many(
        hclErrorToDiagnostics((e as Error).message, {
          [path.basename(file)]: text,
        }),
      );
    }
  }
  return out;
}

export async function initCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const flags = parseFlags(args, FLAGS, 'init', ctx.flavor.command);
  const view = createView(ctx, flags.bools.json === true);
  const say = (m: string) => view.log(m);
  try {
    if (flags.positional.length) {
      throw new TfError(
        'Too many command line arguments',
        'Did you mean to use -chdir? init takes no positional arguments.',
      );
    }
    if (ctx.env.TF_WORKSPACE) validateWorkspaceName(ctx.env.TF_WORKSPACE);
    const config = await loadModule(ctx.layout.cwd);
    const extra = await backendConfigValues(
      ctx,
      flags.multi.filter(m => m.name === 'backend-config').map(m => m.value),
    );
    if (flags.bools.backend !== false) {
      say('Initializing the backend...');
      const declared = config.backend;
      if (declared && !SUPPORTED_BACKENDS.includes(declared.type)) {
        throw new TfError(
          'Unsupported backend type',
          `The sandbox's terraform stand-in supports the "local" and "kubernetes" backends, not "${declared.type}".`,
          declared.range,
        );
      }
      const type = declared?.type ?? 'local';
      if (!declared && Object.keys(extra).length) {
        view.diagnostic({
          severity: 'warning',
          summary: 'Missing backend configuration',
          detail:
            '-backend-config was used without a "backend" block in the configuration.\n\nIf you intended to override the default local backend configuration,\nno action is required, but you may add an explicit backend block to your\nconfiguration to clear this warning.',
        });
      }
      const allowed = (k: string) =>
        type === 'kubernetes'
          ? isKubernetesBackendKey(k)
          : ['path', 'workspace_dir'].includes(k);
      const unknownKey = Object.keys(extra).find(k => !allowed(k));
      if (declared && unknownKey) {
        throw new TfError(
          'Invalid backend configuration argument',
          `The backend configuration argument "${unknownKey}" given on the command line is not expected for the selected backend type.`,
        );
      }
      const previous = readBackend(ctx.layout);
      const settings = {
        type,
        config: {
          ...(declared ? (evaluateConstant(declared.config) as object) : {}),
          ...(declared ? extra : {}),
        },
      };
      if (
        previous &&
        JSON.stringify(previous.config) !== JSON.stringify(settings.config) &&
        !flags.bools.reconfigure &&
        !flags.bools['migrate-state']
      ) {
        say('Backend configuration changed; using the new configuration.');
      }
      if (type === 'kubernetes') {
        // Like Terraform: init reaches the cluster (it lists the workspaces) before recording the backend.
        await new KubernetesStateClient(
          kubernetesSettings(settings.config, ctx.env),
          'default',
        ).listWorkspaces();
      }
      writeBackend(ctx.layout, settings);
      if (declared)
        say(
          `Successfully configured the backend "${type}"! ${ctx.flavor.product} will automatically\nuse this backend unless the backend configuration changes.`,
        );
    }
    say('Initializing provider plugins...');
    const providers = requiredProviders(config);
    for (const p of providers) {
      const source = providerSource(p, ctx.flavor.registryHost);
      const version = PROVIDER_VERSIONS[p];
      say(
        `- Installing ${source.split('/').slice(1).join('/')} v${version}...`,
      );
      fs.mkdirSync(
        path.join(ctx.layout.dataDir, 'providers', source, version),
        { recursive: true },
      );
      say(
        `- Installed ${source
          .split('/')
          .slice(1)
          .join('/')} v${version} (signed by HashiCorp)`,
      );
    }
    fs.mkdirSync(ctx.layout.dataDir, { recursive: true });
    writeLockFile(
      ctx.layout.cwd,
      providers,
      ctx.flavor.registryHost,
      ctx.flavor.command,
    );
    if (providers.length)
      say(
        `${ctx.flavor.product} has created a lock file .terraform.lock.hcl to record the provider selections it made above.`,
      );
    say(`${ctx.flavor.product} has been successfully initialized!`);
    if (!view.json && !ctx.env.TF_IN_AUTOMATION) {
      say(
        `\nYou may now begin working with ${ctx.flavor.product}. Try running "${ctx.flavor.command} plan" to see\nany changes that are required for your infrastructure. All ${ctx.flavor.product} commands\nshould now work.`,
      );
    }
    return 0;
  } catch (e) {
    return reportError(view, e);
  }
}
