import type { z as zod } from 'zod/v3';

/** Output fields of publish:forgejo. */
export const remoteUrl = (z: typeof zod) =>
  z.string({ description: 'Clone URL of the repository.' });

export const repoContentsUrl = (z: typeof zod) =>
  z.string({
    description:
      "Web URL of the pushed branch's root, e.g. for `catalog:register` with `/catalog-info.yaml` appended.",
  });

export const commitHash = (z: typeof zod) =>
  z.string({ description: 'The commit the branch points at after the push.' });

export const htmlUrl = (z: typeof zod) =>
  z.string({ description: 'Web page of the repository.' });

export const branch = (z: typeof zod) =>
  z.string({
    description:
      'The branch holding the published content: the default branch of a new or empty repository, or the ' +
      'new branch pushed into an existing one.',
  });

export const pullRequestUrl = (z: typeof zod) =>
  z
    .string({
      description:
        'Web page of the pull request opened (or found open) for the new branch, when `pullRequest` asked for one.',
    })
    .optional();

export const pullRequestNumber = (z: typeof zod) =>
  z.number({ description: 'Number of that pull request.' }).int().optional();
