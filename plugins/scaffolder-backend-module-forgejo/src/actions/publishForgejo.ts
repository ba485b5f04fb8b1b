import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { ForgejoClient } from '@edp/plugin-forgejo-node';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import { requireInitiatorPermission } from '@edp/plugin-scaffolder-edp-node';
import { examples } from './publishForgejo.examples';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { resolveTarget } from './resolveTarget';
import { ensureRepository, waitUntilReady } from './ensureRepository';
import { openPullRequest } from './openPullRequest';
import { forgejoRepositoryPublishPermission } from '../permissions';

/** Who started the task, as the audit record names them (never a token). */
function initiatorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

/**
 * `publish:forgejo`: creates a repository on a Forgejo host of `integrations.gitea` (under an
 * organisation or the authenticated user) and pushes the workspace to it. It needs the permission
 * `forgejo.repository.publish` (checked with the initiator's credentials, dry-runs included), never
 * rewrites an existing branch, and records every attempt with the auditor.
 * @public
 */
export function createPublishForgejoAction(options: {
  integrations: ScmIntegrationRegistry;
  /** The Forgejo client every call and push goes through (forgejoClientServiceRef). */
  client: ForgejoClient;
  permissions: PermissionsService;
  auditor: AuditorService;
}) {
  return createTemplateAction({
    id: 'publish:forgejo',
    description:
      'Creates a Forgejo repository (organisation or own account; token-only credentials work) and pushes the workspace to it. ' +
      'With allowExisting, an existing repository receives the workspace as a new branch (never a change to an existing branch), ' +
      'optionally with a pull request into its default branch.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: inputs.repoUrl,
        description: inputs.description,
        defaultBranch: inputs.defaultBranch,
        repoVisibility: inputs.repoVisibility,
        topics: inputs.topics,
        allowExisting: inputs.allowExisting,
        branch: inputs.branch,
        pullRequest: inputs.pullRequest,
        sourcePath: inputs.sourcePath,
        gitCommitMessage: inputs.gitCommitMessage,
        gitAuthorName: inputs.gitAuthorName,
        gitAuthorEmail: inputs.gitAuthorEmail,
        token: inputs.token,
      },
      output: {
        remoteUrl: outputs.remoteUrl,
        repoContentsUrl: outputs.repoContentsUrl,
        commitHash: outputs.commitHash,
        htmlUrl: outputs.htmlUrl,
        branch: outputs.branch,
        pullRequestUrl: outputs.pullRequestUrl,
        pullRequestNumber: outputs.pullRequestNumber,
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const initiator = initiatorOf(credentials);
      const publish = async () => {
        const { input } = ctx;
        if (
          input.branch !== undefined &&
          !inputs.BRANCH_NAME.test(input.branch)
        ) {
          throw new InputError(
            `Input "branch" "${input.branch}" is not a git branch name: use letters, digits, ".", "_", "/" and "-", without "..", "//" or a leading "-"`,
          );
        }
        const target = resolveTarget(
          input.repoUrl,
          options.integrations,
          input.token,
        );
        const branch = input.defaultBranch ?? 'main';
        const { client } = options;
        // The token input, when given, replaces the integration's credentials for every call.
        const call = { signal: ctx.signal, token: target.token };
        const me = await client.getAuthenticatedUser(target.host, call);
        const owner = target.owner ?? me.login;
        const ownedByMe = owner.toLowerCase() === me.login.toLowerCase();
        const ref = { host: target.host, owner, repo: target.repo };
        if (
          !ownedByMe &&
          !(await client.findOrganization(target.host, owner, call))
        ) {
          throw new InputError(
            (await client.findUser(target.host, owner, call))
              ? `repoUrl owner "${owner}" is another user: Forgejo creates repositories only for the authenticated user (${me.login}) or in organisations.`
              : `repoUrl owner "${owner}" does not exist on ${target.host}: name an existing organisation, or ${me.login}.`,
          );
        }

        if (ctx.isDryRun) {
          // Dry runs only read: the owner check above is the useful part of the validation.
          const htmlUrl = client.webUrl(ref);
          ctx.logger.info(
            `Dry run: would create ${owner}/${target.repo} on ${
              target.host
            } and push ${branch}${
              input.pullRequest
                ? '; if it has commits already, push a new branch and open a pull request into its default branch'
                : ''
            }`,
          );
          ctx.output('remoteUrl', `${htmlUrl}.git`);
          ctx.output('repoContentsUrl', `${htmlUrl}/src/branch/${branch}`);
          ctx.output('commitHash', 'dry-run');
          ctx.output('htmlUrl', htmlUrl);
          ctx.output('branch', branch);
          return { repository: `${target.host}/${owner}/${target.repo}` };
        }

        // The checkpoint makes a retried task reuse the repository it created instead of hitting 409.
        const repo = await ctx.checkpoint({
          key: `v1.publish-forgejo.create.${target.host}/${owner}/${target.repo}`.toLowerCase(),
          fn: () =>
            ensureRepository(client, ref, {
              asOrganisation: !ownedByMe,
              description: input.description,
              private: input.repoVisibility === 'private',
              defaultBranch: branch,
              allowExisting: input.allowExisting ?? false,
              logger: ctx.logger,
              call,
            }),
        });
        const ready = await waitUntilReady(client, ref, call);
        const cloneUrl = ready.clone_url ?? client.webUrl(ref, '.git');
        const htmlUrl = ready.html_url ?? client.webUrl(ref);
        const defaultBranch = ready.default_branch ?? branch;
        if (ready.archived) {
          throw new InputError(
            `repoUrl ${owner}/${target.repo} is archived on ${target.host}; unarchive it or choose another name.`,
          );
        }
        if (input.topics) await client.replaceTopics(ref, input.topics, call);
        if (
          !repo.created &&
          input.description !== undefined &&
          input.description !== ready.description
        ) {
          await client.editRepository(
            ref,
            { description: input.description },
            call,
          );
        }

        // History that exists is never rewritten: new content goes to a new branch.
        const newBranch = input.branch ?? `scaffolder/${ctx.task.id}`;
        const onto = ready.empty
          ? { branch }
          : {
              base: defaultBranch,
              branch: newBranch,
              branchExists: await client.hasBranch(ref, newBranch, call),
            };
        const pushed = await client.pushContent(
          target.host,
          {
            cloneUrl,
            sourceDir: getRepoSourceDirectory(
              ctx.workspacePath,
              input.sourcePath,
            ),
            ...onto,
            commitMessage: input.gitCommitMessage ?? 'initial commit',
            author: {
              name: input.gitAuthorName ?? 'Scaffolder',
              email: input.gitAuthorEmail ?? 'scaffolder@backstage.io',
            },
            scratchDir: () => ctx.createTemporaryDirectory(),
            logger: ctx.logger,
          },
          { token: target.token, username: me.login },
        );
        if (pushed === 'branch-exists') {
          throw new InputError(
            `Input "branch": ${owner}/${target.repo} already has a branch "${newBranch}" with other content; publish:forgejo never changes an existing branch, so choose another branch name`,
          );
        }
        const { commitHash } = pushed;
        // Only a new branch next to existing history has something to propose for review.
        const onNewBranch = !ready.empty && pushed.branch !== defaultBranch;
        let pullRequest;
        if (input.pullRequest && onNewBranch) {
          pullRequest = await openPullRequest(client, ref, {
            head: pushed.branch,
            base: defaultBranch,
            input: input.pullRequest,
            defaultTitle:
              input.gitCommitMessage ??
              `Update from ${ctx.templateInfo?.entityRef ?? 'a template'}`,
            defaultBody: `Pushed by publish:forgejo for scaffolder task ${
              ctx.task.id
            }${
              ctx.templateInfo?.entityRef
                ? ` of ${ctx.templateInfo.entityRef}`
                : ''
            }, started by ${initiator}.`,
            logger: ctx.logger,
            call,
          });
          if (pullRequest.html_url)
            ctx.output('pullRequestUrl', pullRequest.html_url);
          if (pullRequest.number !== undefined)
            ctx.output('pullRequestNumber', pullRequest.number);
        } else if (input.pullRequest) {
          ctx.logger.info(
            `No pull request: the content is on ${pushed.branch}, the default branch of ${owner}/${target.repo}`,
          );
        }
        ctx.output('remoteUrl', cloneUrl);
        ctx.output('repoContentsUrl', `${htmlUrl}/src/branch/${pushed.branch}`);
        ctx.output('commitHash', commitHash);
        ctx.output('htmlUrl', htmlUrl);
        ctx.output('branch', pushed.branch);
        return {
          repository: `${target.host}/${owner}/${target.repo}`,
          created: repo.created,
          branch: pushed.branch,
          pushed: pushed.pushed,
          commitHash,
          ...(pullRequest ? { pullRequest: pullRequest.number } : {}),
        };
      };
      const event = await options.auditor.createEvent({
        eventId: 'publish',
        severityLevel: 'medium',
        meta: {
          initiator,
          repoUrl: ctx.input.repoUrl,
          allowExisting: ctx.input.allowExisting ?? false,
          dryRun: Boolean(ctx.isDryRun),
          taskId: ctx.task.id,
          template: ctx.templateInfo?.entityRef ?? null,
        },
      });
      try {
        await requireInitiatorPermission(
          options.permissions,
          credentials,
          forgejoRepositoryPublishPermission,
          'publish to Forgejo',
        );
        const result = await publish();
        await event.success({ meta: result });
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
