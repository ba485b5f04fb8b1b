import yaml from 'yaml';
import { startPublishEnv } from '../__testUtils__/publishTestEnv';
import { examples } from './publishForgejo.examples';

jest.setTimeout(60_000);

/** Runs every documented example against the Forgejo stand-in (its host in place of forgejo.example.com). */
describe('publish:forgejo examples', () => {
  let env: Awaited<ReturnType<typeof startPublishEnv>>;
  beforeAll(async () => {
    env = await startPublishEnv();
  });
  afterAll(() => env.stop());

  const files = { 'README.md': '# demo\n', 'docs/index.md': '# docs\n' };

  it.each(examples.map((e, i) => [i, e.description] as const))(
    'example %i: %s',
    async index => {
      const input = yaml.parse(examples[index].example).steps[0].input;
      input.repoUrl = input.repoUrl.replace('forgejo.example.com', env.host);
      const { outputs } = await env.run(input, { files });
      const owner =
        new URLSearchParams(input.repoUrl.split('?')[1]).get('owner') ??
        'edp-bot';
      const name = new URLSearchParams(input.repoUrl.split('?')[1]).get('repo');
      const { body: repo } = await env.api(`/repos/${owner}/${name}`);
      expect(repo.default_branch).toBe(input.defaultBranch ?? 'main');
      expect(outputs.htmlUrl).toBe(repo.html_url);
      const { body: head } = await env.api(
        `/repos/${owner}/${name}/git/commits/${repo.default_branch}`,
      );
      expect(head.sha).toBe(outputs.commitHash);
      expect(repo.topics).toEqual(input.topics ?? []);
      // sourcePath publishes only that folder: its index.md lands at the root.
      const readme = await env.api(
        `/repos/${owner}/${name}/contents/${
          input.sourcePath ? 'index.md' : 'README.md'
        }?ref=${repo.default_branch}`,
      );
      expect(readme.status).toBe(200);
    },
  );

  it('runs the re-runnable example twice without a new commit', async () => {
    const input = yaml.parse(examples[2].example).steps[0].input;
    input.repoUrl = input.repoUrl.replace('forgejo.example.com', env.host);
    const first = await env.run(input, { files });
    const second = await env.run(input, { files });
    expect(second.outputs.commitHash).toBe(first.outputs.commitHash);
  });

  it('opens the pull request of the review example once the repository has commits', async () => {
    const example = examples.findIndex(e => /for review/.test(e.description));
    const input = yaml.parse(examples[example].example).steps[0].input;
    input.repoUrl = input.repoUrl.replace('forgejo.example.com', env.host);
    const created = await env.run(input, { files });
    expect(created.outputs.pullRequestUrl).toBeUndefined();
    const { outputs } = await env.run(input, {
      files: { ...files, 'README.md': '# changed\n' },
    });
    expect(outputs.branch).toBe('portal/proposal');
    const { body: pull } = await env.api(
      `/repos/platform/orders-config/pulls/${outputs.pullRequestNumber}`,
    );
    expect(pull).toMatchObject({
      html_url: outputs.pullRequestUrl,
      title: input.pullRequest.title,
      body: input.pullRequest.body,
      head: { ref: 'portal/proposal', sha: outputs.commitHash },
      base: { ref: 'main' },
    });
  });
});
