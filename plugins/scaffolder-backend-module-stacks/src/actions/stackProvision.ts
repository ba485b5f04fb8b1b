import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ForgejoClient, isForgejoError } from '@edp/plugin-forgejo-node';
import { requireInitiatorPermission } from '@edp/plugin-scaffolder-edp-node';
import { findCluster } from '../kubernetes/clusterConfig';
import { KubeClient } from '../kubernetes/KubeClient';
import { applyManifests } from '../kubernetes/applyManifests';
import { stackProvisionPermission } from '../permissions';
import { findLocalSources, prepareManifest } from '../stacks/cnoe';
import {
  loadStack,
  stackFolders,
  stackManifests,
  topLevelYaml,
} from '../stacks/loadStack';
import { generatedApplications } from '../stacks/generatedApplications';
import { refreshApplications } from '../stacks/refreshApplications';
import { stackLifecycle } from '../stacks/stackLifecycle';
import { syncRepositories } from '../stacks/syncRepositories';
import { STACK_LABEL, validateStack } from '../stacks/validateStack';
import { renderStackFiles } from '../stacks/values';
import {
  ApplicationWaitError,
  waitForApplications,
} from '../stacks/waitForApplications';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { examples } from './stackProvision.examples';

const STACK_NAME = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

export { STACK_LABEL };

/** `edp:stack:provision`: CNOE-format stack → Forgejo repositories → ArgoCD Applications, Synced and Healthy. */
/** Fails before anything is read or written when the input names a host without an integration. */
function requireForgejoHost(forgejo: ForgejoClient, host: string): void {
  try {
    forgejo.hosts.get(host);
  } catch (e) {
    if (!(isForgejoError(e) && e.code === 'MISSING_INTEGRATION')) throw e;
    throw new InputError(
      `Input "forgejoHost": no integrations.gitea entry for host "${host}"; configured hosts: ${
        e.configuredHosts?.join(', ') || '(none)'
      }`,
    );
  }
}

export function createStackProvisionAction(options: {
  config: Config;
  urlReader: UrlReaderService;
  permissions: PermissionsService;
  /** The Forgejo client of forgejoClientServiceRef; one from `config` when not given. */
  forgejo?: ForgejoClient;
}) {
  const forgejo = options.forgejo ?? ForgejoClient.fromConfig(options.config);
  return createTemplateAction({
    id: 'edp:stack:provision',
    description:
      'Provisions a CNOE-format stack: pushes each cnoe:// folder to its own Forgejo repository, applies the ArgoCD Applications (labelled with the stack) by server-side apply, and waits until all are Synced and Healthy.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        stack: z =>
          z.string({
            description:
              'The stack folder: a URL read through the URL reader (e.g. a folder of a Forgejo repository) or a path in the task workspace.',
          }),
        name: z =>
          z
            .string({
              description:
                'Name of this stack instance (default: the folder name); prefixes repositories and labels Applications.',
            })
            .regex(
              STACK_NAME,
              'must be a DNS label of at most 40 characters (a-z, 0-9, -)',
            )
            .optional(),
        forgejoHost: z =>
          z.string({
            description:
              'Forgejo host of integrations.gitea that receives the repositories, e.g. forgejo.example.com',
          }),
        owner: z =>
          z.string({
            description:
              'Organisation (or the token user) owning the repositories.',
          }),
        cluster: inputs.cluster,
        argocdNamespace: z =>
          z
            .string({
              description:
                'Namespace ArgoCD watches for Applications (default "argocd").',
            })
            .optional(),
        values: z =>
          z
            .record(
              z.string(),
              z.union([z.string(), z.number(), z.boolean()]),
              {
                description:
                  'Values for ${{ values.<key> }} placeholders: filled in in the Application files, and in the files matching "valuesIn"; other files reach Git byte-identical.',
              },
            )
            .optional(),
        valuesIn: z =>
          z
            .array(z.string(), {
              description:
                'Globs (relative to the stack folder, e.g. "keycloak/manifests/*.yaml" or "**/values.yaml") of pushed files whose ${{ values.<key> }} placeholders are filled in. Default: none. Placeholders without a value are left as they are, with a warning.',
            })
            .optional(),
        replace: z =>
          z
            .record(z.string(), z.string(), {
              description:
                'Literal text to replace in every text file of the stack, e.g. { "cnoe.localtest.me:8443": "idp.example.com" } for host names a stack hard-codes.',
            })
            .optional(),
        prune: z =>
          z
            .boolean({
              description:
                "Delete the stack's Applications and ApplicationSets that are no longer in it (their repositories are kept). Default false: they are reported only.",
            })
            .optional(),
        labels: inputs.labels,
        force: z =>
          z
            .boolean({
              description:
                'Take over Applications that belong to another stack or to no stack, and fields owned by another field manager (server-side apply force). Default false: such a run fails before changing anything.',
            })
            .optional(),
        wait: z =>
          z
            .boolean({
              description:
                'Wait until every Application is Synced and Healthy (default true).',
            })
            .optional(),
        timeoutSeconds: z => inputs.timeoutSeconds(z, 600),
        failureGraceSeconds: inputs.failureGraceSeconds,
        reportIntervalSeconds: inputs.reportIntervalSeconds,
      },
      output: {
        stackName: z => z.string(),
        selector: z =>
          z.string({
            description:
              "Label selector of the stack's Applications, for argocd/app-selector.",
          }),
        applications: outputs.applicationStates,
        repositories: z =>
          z.array(
            z.object({
              dir: z.string(),
              name: z.string(),
              cloneUrl: z.string(),
              htmlUrl: z.string(),
              action: z.enum(['created', 'updated', 'unchanged']),
              commitHash: z.string().optional(),
            }),
          ),
        changes: z =>
          z.object(
            {
              added: z.array(z.string()),
              changed: z.array(z.string()),
              unchanged: z.array(z.string()),
              removed: z.array(z.string()),
              pruned: z.boolean(),
              keptRepositories: z.array(z.string()),
            },
            {
              description:
                'Applications (and ApplicationSet/<name>) added, changed, unchanged and removed compared with what the cluster had for this stack; removed ones are deleted when pruned, their repositories kept.',
            },
          ),
        stacks: z =>
          z.array(z.string(), {
            description:
              'The stack folders provisioned: the stack itself, or each member of a collection.',
          }),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      await requireInitiatorPermission(
        options.permissions,
        credentials,
        stackProvisionPermission,
        'provision stacks',
      );

      // Configuration problems fail before anything is read or written.
      requireForgejoHost(forgejo, input.forgejoHost);
      const cluster = findCluster(options.config, input.cluster);
      const client = KubeClient.fromCluster(cluster, ctx.signal);

      const loaded = await loadStack({
        stack: input.stack,
        workspacePath: ctx.workspacePath,
        urlReader: options.urlReader,
        signal: ctx.signal,
      });
      const stackName = input.name ?? loaded.folderName.toLowerCase();
      if (!STACK_NAME.test(stackName)) {
        throw new InputError(
          `The stack folder name "${stackName}" cannot name the stack; give input "name" (a-z, 0-9, -, at most 40 characters)`,
        );
      }
      const { stackDir } = loaded;
      const values = Object.fromEntries(
        Object.entries(input.values ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const read = (repositoryTree: typeof loaded.tree) => {
        const warnings: string[] = [];
        const folders = stackFolders(repositoryTree, stackDir);
        const tree = renderStackFiles(repositoryTree, {
          stackDir,
          manifestFiles: new Set(
            folders.flatMap(f => topLevelYaml(repositoryTree, f)),
          ),
          values,
          valuesIn: input.valuesIn ?? [],
          replace: input.replace ?? {},
          warn: message => warnings.push(message),
        });
        const items = stackManifests(tree, folders, stackDir, message =>
          warnings.push(message),
        );
        const sources = findLocalSources(stackName, stackDir, items);
        return { folders, tree, items, sources, warnings };
      };
      let stack = read(loaded.tree);
      const outside = stack.sources.some(s => s.dir.startsWith('..'));
      if (outside && loaded.readRepository) {
        logger.info(
          'A cnoe://../ reference names a folder beside the stack: reading the whole stacks repository',
        );
        stack = read(await loaded.readRepository());
      }
      const { folders, tree, items, sources } = stack;
      stack.warnings.forEach(message => logger.warn(message));
      const selector = `${STACK_LABEL}=${stackName}`;
      const namespace = input.argocdNamespace ?? 'argocd';
      const stacks = folders.map(f => f || '.');
      ctx.output('stackName', stackName);
      ctx.output('selector', selector);
      ctx.output('stacks', stacks);
      logger.info(
        `Stack "${stackName}"${
          folders.length > 1 ? ` (a collection: ${stacks.join(', ')})` : ''
        }: ${items.length} Application(s)/ApplicationSet(s), ${
          sources.length
        } cnoe:// folder(s)${ctx.isDryRun ? ' (dry run)' : ''}`,
      );

      const prepare = (cloneUrlFor: (rootDir: string) => string) =>
        items.map(item =>
          prepareManifest(item, {
            cloneUrlFor,
            labels: { ...(input.labels ?? {}), [STACK_LABEL]: stackName },
            namespace,
          }),
        );
      const repoNames = new Map(sources.map(s => [s.rootDir, s.repoName]));
      // Everything is checked against the clone URLs the repositories will have, before any push.
      await validateStack(client, {
        stackName,
        items,
        prepared: prepare(dir =>
          forgejo.webUrl(
            {
              host: input.forgejoHost,
              owner: input.owner,
              repo: repoNames.get(dir)!,
            },
            '.git',
          ),
        ),
        sources,
        tree,
        force: Boolean(input.force),
        signal: ctx.signal,
      });

      const repositories = await syncRepositories({
        sources,
        tree,
        forgejo,
        host: input.forgejoHost,
        owner: input.owner,
        stackName,
        dryRun: Boolean(ctx.isDryRun),
        logger,
        checkpoint: ctx.checkpoint.bind(ctx),
        signal: ctx.signal,
      });
      ctx.output('repositories', repositories);

      const cloneUrls = new Map(
        sources.map(s => [
          s.rootDir,
          repositories.find(r => r.dir === s.dir)!.cloneUrl,
        ]),
      );
      const { applied, normalised } = await applyManifests(
        client,
        prepare(dir => cloneUrls.get(dir)!),
        {
          dryRun: ctx.isDryRun,
          force: input.force,
          logger,
          signal: ctx.signal,
        },
      );
      const changes = await stackLifecycle(client, {
        stackName,
        namespace,
        applied,
        prune: Boolean(input.prune),
        dryRun: Boolean(ctx.isDryRun),
        logger,
        signal: ctx.signal,
      });
      ctx.output('changes', changes);
      logger.info(
        `Stack "${stackName}": ${changes.added.length} added, ${
          changes.changed.length
        } changed, ${changes.unchanged.length} unchanged, ${
          changes.removed.length
        } removed${changes.pruned ? ' (deleted)' : ''}`,
      );

      const apps = normalised.filter(m => m.kind === 'Application');
      if (!ctx.isDryRun) {
        await refreshApplications(client, {
          apps,
          applied,
          repositories,
          logger,
          signal: ctx.signal,
        });
      }
      const byName = (a: { name: string }, b: { name: string }) =>
        a.name.localeCompare(b.name);
      const refs = apps
        .map(m => ({ name: m.metadata.name, namespace: m.metadata.namespace! }))
        .sort(byName);
      if (ctx.isDryRun || input.wait === false) {
        ctx.output(
          'applications',
          refs.map(r => ({ ...r, sync: 'Unknown', health: 'Unknown' })),
        );
        return;
      }
      const timeoutMs = (input.timeoutSeconds ?? 600) * 1000;
      const started = Date.now();
      try {
        // ApplicationSets are waited for through the Applications they generate.
        const sets = normalised.filter(m => m.kind === 'ApplicationSet');
        if (sets.length > 0)
          refs.push(
            ...(await generatedApplications(client, sets, {
              timeoutMs,
              logger,
              signal: ctx.signal,
            })),
          );
        refs.sort(byName);
        const results = await waitForApplications(client, refs, {
          timeoutMs: Math.max(1000, timeoutMs - (Date.now() - started)),
          failureGraceMs: (input.failureGraceSeconds ?? 30) * 1000,
          reportIntervalMs: (input.reportIntervalSeconds ?? 5) * 1000,
          logger,
          signal: ctx.signal,
        });
        ctx.output('applications', results);
        logger.info(
          `All ${refs.length} Application(s) of stack "${stackName}" are Synced and Healthy`,
        );
      } catch (e) {
        if (e instanceof ApplicationWaitError)
          ctx.output('applications', e.reached);
        throw e;
      }
    },
  });
}
