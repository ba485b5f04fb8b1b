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
        'When the repository already exists, push to it instead of failing. Re-running with the same content pushes nothing.',
    })
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
