import type { z as zod } from 'zod/v3';

/** Input fields of publish:forgejo, as `z => schema` fragments (the scaffolder passes its own zod). */
export const repoUrl = (z: typeof zod) =>
  z.string({
    description:
      'Where to create the repository: `host?owner=<owner>&repo=<name>`. The host must be listed under ' +
      'integrations.gitea; the owner is an organisation or the authenticated user (the default when absent).',
  });

export const description = (z: typeof zod) =>
  z.string({ description: 'Repository description.' }).optional();

export const defaultBranch = (z: typeof zod) =>
  z
    .string({
      description:
        'Branch to push to, sent to Forgejo as the default branch of a new repository. Default: main.',
    })
    .optional();

export const repoVisibility = (z: typeof zod) =>
  z
    .enum(['private', 'public'], {
      description: 'Visibility of a new repository. Default: public.',
    })
    .optional();

export const topics = (z: typeof zod) =>
  z
    .array(z.string(), {
      description:
        'Topics to set (lower case letters, digits, "-" and "."); replaces existing topics.',
    })
    .optional();

export const allowExisting = (z: typeof zod) =>
  z
    .boolean({
      description:
        'When the repository already exists, publish into it instead of failing: an empty repository gets the ' +
        'workspace as its first commit; one with commits gets it as a new branch (see `branch`), never as a ' +
        'change to an existing branch. Re-running with the same content pushes nothing.',
    })
    .optional();

/** A git branch name that Forgejo accepts; checked again in the handler to name the input. */
export const BRANCH_NAME =
  /^(?![-/])(?!.*\/\/)(?!.*\.\.)(?!.*[/.]$)(?!.*\.lock$)[A-Za-z0-9._/-]{1,200}$/;

export const branch = (z: typeof zod) =>
  z
    .string({
      description:
        'With allowExisting and a repository that already has commits: the new branch that receives the ' +
        'workspace (it must not exist yet). Default: scaffolder/<task id>.',
    })
    .regex(BRANCH_NAME, 'must be a git branch name (letters, digits, . _ / -)')
    .optional();

export const pullRequest = (z: typeof zod) =>
  z
    .union(
      [
        z.boolean(),
        z
          .object({
            title: z
              .string({
                description: 'Default: the commit message.',
              })
              .min(1)
              .max(255)
              .optional(),
            body: z
              .string({
                description:
                  'Default: a line naming the template and the task.',
              })
              .max(65535)
              .optional(),
          })
          .strict(),
      ],
      {
        description:
          'With allowExisting and a repository that already has commits: open a pull request from the new ' +
          'branch into the default branch (`true`, or `{ title, body }`). A retried task reuses the open ' +
          'one. Nothing is opened when the content went to the default branch of a new or empty repository, ' +
          'or when the default branch already held it.',
      },
    )
    .optional();

export const sourcePath = (z: typeof zod) =>
  z
    .string({
      description:
        'Folder of the workspace to publish. Default: the whole workspace.',
    })
    .optional();

export const gitCommitMessage = (z: typeof zod) =>
  z
    .string({ description: 'Commit message. Default: "initial commit".' })
    .optional();

export const gitAuthorName = (z: typeof zod) =>
  z
    .string({ description: 'Commit author name. Default: Scaffolder.' })
    .optional();

export const gitAuthorEmail = (z: typeof zod) =>
  z
    .string({
      description: 'Commit author e-mail. Default: scaffolder@backstage.io.',
    })
    .optional();

export const token = (z: typeof zod) =>
  z
    .string({
      description:
        'A Forgejo access token to use instead of the integration credentials (pass it as a secret).',
    })
    .optional();
