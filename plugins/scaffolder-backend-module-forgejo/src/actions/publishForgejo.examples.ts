import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [
      {
        id: 'publish',
        action: 'publish:forgejo',
        name: 'Publish to Forgejo',
        input,
      },
    ],
  });

/** Shown on /create/actions, and each one is run against the Forgejo stand-in by the examples test. */
export const examples: TemplateExample[] = [
  {
    description:
      'Create a repository in an organisation and push the workspace to main.',
    example: step({
      repoUrl: 'forgejo.example.com?owner=platform&repo=orders',
    }),
  },
  {
    description:
      'Create a private repository under the authenticated user (no owner), with a description, topics and branch.',
    example: step({
      repoUrl: 'forgejo.example.com?repo=notes',
      description: 'Personal notes',
      repoVisibility: 'private',
      defaultBranch: 'trunk',
      topics: ['notes', 'docs'],
    }),
  },
  {
    description:
      'Re-runnable: publish into the repository if it already exists. Nothing is pushed when the content is unchanged; ' +
      'changed content goes to a new branch (here portal/update), never onto an existing one.',
    example: step({
      repoUrl: 'forgejo.example.com?owner=platform&repo=orders-api',
      allowExisting: true,
      branch: 'portal/update',
      gitCommitMessage: 'Update from the template',
    }),
  },
  {
    description:
      'Propose changes to a repository that already exists for review: the content goes to a new branch and a ' +
      'pull request into the default branch is opened (its URL is the output pullRequestUrl). A new or empty ' +
      'repository simply gets the content on its default branch.',
    example: step({
      repoUrl: 'forgejo.example.com?owner=platform&repo=orders-config',
      allowExisting: true,
      branch: 'portal/proposal',
      gitCommitMessage: 'Update the orders configuration',
      pullRequest: {
        title: 'Update the orders configuration',
        body: 'Proposed from the portal; merge when the checks pass.',
      },
    }),
  },
  {
    description:
      'Publish only a folder of the workspace, with a custom author.',
    example: step({
      repoUrl: 'forgejo.example.com?owner=platform&repo=orders-docs',
      sourcePath: 'docs',
      gitAuthorName: 'Platform Bot',
      gitAuthorEmail: 'platform-bot@example.com',
    }),
  },
];
