import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import { examples } from './publishForgejo.examples';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { ForgejoRepoApi } from './forgejoRepoApi';
import { resolveTarget } from './resolveTarget';
import { ensureRepository, waitUntilReady } from './ensureRepository';
import { pushAsNewBranch, pushToEmptyRepository } from './pushWorkspace';
import { openPullRequest } from './openPullRequest';
import { requirePublishPermission } from '../permissions';

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
        const api = new ForgejoRepoApi(
          target.config,
          target.credentials,
          ctx.signal,
        );
        const me = await api.currentUser();
        const owner = target.owner ?? me.login;
        const ownedByMe = owner.toLowerCase() === me.login.toLowerCase();
        if (!ownedByMe && !(await api.organization(owner))) {
          throw new InputError(
            (await api.user(owner))
              ? `repoUrl owner "${owner}" is another user: Forgejo creates repositories only for the authenticated user (${me.login}) or in organisations.`
              : `repoUrl owner "${owner}" does not exist on ${target.host}: name an existing organisation, or ${me.login}.`,
          );
        }

        if (ctx.isDryRun) {
          // Dry runs only read: the owner check above is the useful part of the validation.
          const htmlUrl = `${api.webBaseUrl}/${owner}/${target.repo}`;
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
            ensureRepository(api, {
              owner,
              asOrganisation: !ownedByMe,
              name: target.repo,
              description: input.description,
              private: input.repoVisibility === 'private',
              defaultBranch: branch,
              allowExisting: input.allowExisting ?? false,
              logger: ctx.logger,
            }),
        });
        const ready = await waitUntilReady(api, owner, target.repo, ctx.signal);
        if (ready.archived) {
          throw new InputError(
            `repoUrl ${owner}/${target.repo} is archived on ${target.host}; unarchive it or choose another name.`,
          );
        }
        if (input.topics)
          await api.replaceTopics(owner, target.repo, input.topics);
        if (
          !repo.created &&
          input.description !== undefined &&
          input.description !== ready.description
        ) {
          await api.editRepository(owner, target.repo, {
            description: input.description,
          });
        }

        const common = {
          sourceDir: getRepoSourceDirectory(
            ctx.workspacePath,
            input.sourcePath,
          ),
          remoteUrl: ready.clone_url,
          auth: { username: me.login, password: target.credentials.secret },
          logger: ctx.logger,
          commitMessage: input.gitCommitMessage ?? 'initial commit',
          author: {
            name: input.gitAuthorName ?? 'Scaffolder',
            email: input.gitAuthorEmail ?? 'scaffolder@backstage.io',
          },
          scratchDir: () => ctx.createTemporaryDirectory(),
        };
        let pushed;
        if (ready.empty) {
          pushed = await pushToEmptyRepository({ ...common, branch });
        } else {
          // History that exists is never rewritten: new content goes to a new branch.
          const newBranch = input.branch ?? `scaffolder/${ctx.task.id}`;
          const result = await pushAsNewBranch({
            ...common,
            base: ready.default_branch,
            branch: newBranch,
            branchExists: await api.branchExists(owner, target.repo, newBranch),
          });
          if (result === 'branch-exists') {
            throw new InputError(
              `Input "branch": ${owner}/${target.repo} already has a branch "${newBranch}" with other content; publish:forgejo never changes an existing branch, so choose another branch name`,
            );
          }
          pushed = result;
        }
        const { commitHash } = pushed;
        // Only a new branch next to existing history has something to propose for review.
        const onNewBranch =
          !ready.empty && pushed.branch !== ready.default_branch;
        let pullRequest;
        if (input.pullRequest && onNewBranch) {
          pullRequest = await openPullRequest(api, {
            owner,
            repo: target.repo,
            head: pushed.branch,
            base: ready.default_branch,
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
          });
          ctx.output('pullRequestUrl', pullRequest.html_url);
          ctx.output('pullRequestNumber', pullRequest.number);
        } else if (input.pullRequest) {
          ctx.logger.info(
            `No pull request: the content is on ${pushed.branch}, the default branch of ${owner}/${target.repo}`,
          );
        }
        ctx.output('remoteUrl', ready.clone_url);
        ctx.output(
          'repoContentsUrl',
          `${ready.html_url}/src/branch/${pushed.branch}`,
        );
        ctx.output('commitHash', commitHash);
        ctx.output('htmlUrl', ready.html_url);
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
        await requirePublishPermission(options.permissions, credentials);
        const result = await publish();
        await event.success({ meta: result });
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
