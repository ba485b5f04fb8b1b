import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

const PAY = '/repos/platform/payments-api';

describe('Forgejo stand-in: more read endpoints, 501 for the rest, web pages, releases', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;
  let baseUrl: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    call = forgejoClient(baseUrl);
  });
  afterAll(() => sandbox.stop());

  /** GET `path`, expect 200 and a body valid against the spec's `template`. */
  async function read(template: string, path: string, auth?: string | null) {
    const res = await call('GET', path, { auth });
    expect(res.status).toBe(200);
    expect(specErrors('get', template, 200, res.body)).toEqual([]);
    return res.body;
  }

  it('lists tags from git (a draft release has no tag), and git refs', async () => {
    const tags = await read('/repos/{owner}/{repo}/tags', `${PAY}/tags`);
    const names = tags.map((t: any) => t.name);
    expect(names).toEqual(expect.arrayContaining(['v1.0.0', 'v1.1.0']));
    expect(names).not.toContain('v1.3.0');
    const one = await read(
      '/repos/{owner}/{repo}/tags/{tag}',
      `${PAY}/tags/v1.1.0`,
    );
    expect(one.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    const refs = await read(
      '/repos/{owner}/{repo}/git/refs',
      `${PAY}/git/refs`,
    );
    expect(refs.map((r: any) => r.ref)).toContain('refs/heads/main');
    const heads = await read(
      '/repos/{owner}/{repo}/git/refs/{ref}',
      `${PAY}/git/refs/heads`,
    );
    expect(heads.every((r: any) => r.ref.startsWith('refs/heads/'))).toBe(true);
  });

  it('reads trees and blobs by sha, with the real file content', async () => {
    const tree = await read(
      '/repos/{owner}/{repo}/git/trees/{sha}',
      `${PAY}/git/trees/main?recursive=true`,
    );
    const file = tree.tree.find((e: any) => e.path === 'catalog-info.yaml');
    expect(file.type).toBe('blob');
    const blob = await read(
      '/repos/{owner}/{repo}/git/blobs/{sha}',
      `${PAY}/git/blobs/${file.sha}`,
    );
    expect(Buffer.from(blob.content, 'base64').toString()).toContain(
      'kind: Component',
    );
  });

  it('compares two refs', async () => {
    const tags = (await call('GET', `${PAY}/tags`)).body;
    const oldest = tags[tags.length - 1].name;
    const cmp = await read(
      '/repos/{owner}/{repo}/compare/{basehead}',
      `${PAY}/compare/${oldest}...main`,
    );
    expect(cmp.total_commits).toBeGreaterThan(0);
    expect(cmp.commits).toHaveLength(cmp.total_commits);
    expect(cmp.files.length).toBeGreaterThan(0);
  });

  it('answers labels, milestones, issue comments, collaborators, assignees and hooks', async () => {
    const labels = await read('/repos/{owner}/{repo}/labels', `${PAY}/labels`);
    expect(labels.map((l: any) => l.name)).toContain('bug');
    expect(
      await read('/repos/{owner}/{repo}/milestones', `${PAY}/milestones`),
    ).toEqual([]);
    const comments = await read(
      '/repos/{owner}/{repo}/issues/{index}/comments',
      `${PAY}/issues/1/comments`,
    );
    expect(comments).toHaveLength(4);
    const issue = (await call('GET', `${PAY}/issues/1`)).body;
    expect(issue.comments).toBe(comments.length);
    expect(comments[0].user.login).toBe('alice');
    const all = await read(
      '/repos/{owner}/{repo}/issues/comments',
      `${PAY}/issues/comments`,
    );
    expect(all).toHaveLength(7);
    expect(
      await read('/repos/{owner}/{repo}/collaborators', `${PAY}/collaborators`),
    ).toEqual([]);
    const assignees = await read(
      '/repos/{owner}/{repo}/assignees',
      `${PAY}/assignees`,
    );
    expect(assignees.map((u: any) => u.login)).toEqual(
      expect.arrayContaining(['edp-bot', 'alice']),
    );
    expect(await read('/repos/{owner}/{repo}/hooks', `${PAY}/hooks`)).toEqual(
      [],
    );
    expect((await call('GET', `${PAY}/hooks`, { auth: null })).status).toBe(
      403,
    );
  });

  it('answers organisations, members and teams to members only, and the instance settings', async () => {
    const orgs = await read('/user/orgs', '/user/orgs');
    expect(orgs.map((o: any) => o.name)).toEqual(['labs', 'platform']);
    const members = await read('/orgs/{org}/members', '/orgs/platform/members');
    expect(members.map((u: any) => u.login)).toEqual(
      expect.arrayContaining(['alice', 'edp-bot']),
    );
    expect(
      await read('/orgs/{org}/members', '/orgs/platform/members', null),
    ).toEqual([]);
    const teams = await read('/orgs/{org}/teams', '/orgs/platform/teams');
    expect(teams.map((t: any) => t.name)).toEqual(['Owners']);
    const settings = await read('/settings/api', '/settings/api', null);
    expect(settings.default_paging_num).toBe(30);
    const node = await read('/nodeinfo', '/nodeinfo', null);
    expect(node.software.name).toBe('forgejo');
  });

  it('answers 501 naming the endpoint for what a real Forgejo serves and the stand-in does not, 404 for what Forgejo does not know', async () => {
    const wiki = await call('GET', `${PAY}/wiki/pages`);
    expect(wiki.status).toBe(501);
    expect(wiki.body.message).toBe(
      'sandbox: the Forgejo stand-in does not serve GET /api/v1/repos/{owner}/{repo}/wiki/pages',
    );
    const unknown = await call('GET', `${PAY}/no-such-endpoint`);
    expect(unknown.status).toBe(404);
    // A missing repository is still Forgejo's 404.
    expect((await call('GET', '/repos/platform/nope/wiki/pages')).status).toBe(
      404,
    );
  });

  it('serves the real file on the raw and src web pages, and archives', async () => {
    const raw = await fetch(
      `${baseUrl}/platform/payments-api/raw/branch/main/catalog-info.yaml`,
    );
    expect(raw.status).toBe(200);
    expect(await raw.text()).toContain('kind: Component');
    const page = await fetch(
      `${baseUrl}/labs/search-ranking/src/branch/release/2026.11/`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('catalog-info.yaml');
    const zip = await fetch(
      `${baseUrl}/platform/payments-api/archive/main.zip`,
    );
    expect(zip.status).toBe(200);
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(
      (
        await fetch(
          `${baseUrl}/labs/recommender/raw/branch/develop/catalog-info.yaml`,
        )
      ).status,
    ).toBe(404);
    const privateRaw = await fetch(
      `${baseUrl}/labs/recommender/raw/branch/develop/catalog-info.yaml`,
      {
        headers: { Authorization: 'token sandbox-forgejo-token' },
      },
    );
    expect(privateRaw.status).toBe(200);
  });

  it('creates a draft release without a tag, and tags it when published', async () => {
    const created = await call('POST', `${PAY}/releases`, {
      body: { tag_name: 'v9.9.9', name: 'Nine', draft: true },
    });
    expect(created.status).toBe(201);
    expect(
      specErrors('post', '/repos/{owner}/{repo}/releases', 201, created.body),
    ).toEqual([]);
    expect((await call('GET', `${PAY}/tags/v9.9.9`)).status).toBe(404);
    const published = await call(
      'PATCH',
      `${PAY}/releases/${created.body.id}`,
      {
        body: { draft: false },
      },
    );
    expect(published.status).toBe(200);
    expect(
      specErrors(
        'patch',
        '/repos/{owner}/{repo}/releases/{id}',
        200,
        published.body,
      ),
    ).toEqual([]);
    const tag = await read(
      '/repos/{owner}/{repo}/tags/{tag}',
      `${PAY}/tags/v9.9.9`,
    );
    const main = (await call('GET', `${PAY}/branches/main`)).body;
    expect(tag.commit.sha).toBe(main.commit.id);
  });
});
