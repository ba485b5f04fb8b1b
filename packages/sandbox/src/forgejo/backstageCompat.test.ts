import { execFile } from 'node:child_process';
import path from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { TOKEN } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

/**
 * Backstage's own Gitea code against the stand-in: the URL reader (what the catalog and
 * fetch:template use) and the Gitea catalog discovery, configured with a token-only integration.
 */
describe('Backstage Gitea modules against the Forgejo stand-in', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let config: ConfigReader;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    const host = new URL(baseUrl).host;
    config = new ConfigReader({
      backend: { baseUrl: 'http://localhost:7007' },
      integrations: { gitea: [{ host, baseUrl, password: TOKEN }] },
      catalog: {
        providers: {
          gitea: {
            platform: { host, organization: 'platform', branch: 'main' },
            labs: { host, organization: 'labs', branch: 'main' },
          },
        },
      },
    });
  });
  afterAll(() => sandbox.stop());

  const reader = () =>
    UrlReaders.default({ config, logger: mockServices.logger.mock() });

  it('reads a file at a branch through GiteaUrlReader (contents API, base64)', async () => {
    const res = await reader().readUrl(
      `${baseUrl}/platform/payments-api/src/branch/main/catalog-info.yaml`,
    );
    expect((await res.buffer()).toString()).toContain(
      'forgejo.org/repo-slug: platform/payments-api',
    );
    expect(res.etag).toMatch(/^"[0-9a-f]{40}"$/);
    // catalog-info.yaml was last changed by the first commit, 90 days before the sandbox started.
    expect(Date.now() - res.lastModifiedAt!.getTime()).toBeGreaterThan(
      89 * 86_400_000,
    );
  });

  it('reads a folder as a tree (git/commits for the etag, archive tar.gz for the files)', async () => {
    const tree = await reader().readTree(
      `${baseUrl}/platform/stacks/src/branch/main/hello-world`,
    );
    const files = (await tree.files()).map(f => f.path).sort();
    expect(files).toEqual([
      'hello-world.yaml',
      'hello-world/manifests/deployment.yaml',
      'hello-world/manifests/service.yaml',
    ]);
    const { sha } = await (
      await fetch(`${baseUrl}/api/v1/repos/platform/stacks/git/commits/main`)
    ).json();
    expect(tree.etag).toBe(sha);
  });

  it('reports a missing file as NotFoundError and finds it through search', async () => {
    await expect(
      reader().readUrl(
        `${baseUrl}/platform/payments-api/src/branch/main/nope.yaml`,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    const found = await reader().search(
      `${baseUrl}/platform/web-shop/src/branch/main/catalog-info.yaml`,
    );
    expect(found.files).toHaveLength(1);
  });

  /** Runs the Gitea discovery in a child Node process (see runGiteaDiscovery.cjs) and returns its location targets. */
  async function discover(id: string): Promise<string[]> {
    const script = path.join(
      __dirname,
      '__testUtils__',
      'runGiteaDiscovery.cjs',
    );
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [script, JSON.stringify(config.get()), id],
        (err, out, stderr) => (err ? reject(new Error(stderr)) : resolve(out)),
      ),
    );
    const { targets, errors } = JSON.parse(stdout);
    expect(errors).toEqual([]);
    return targets;
  }

  it('discovers the catalog-info.yaml of each platform repository, skipping the empty one', async () => {
    expect(await discover('platform')).toEqual([
      `${baseUrl}/platform/inventory-service/src/branch/main/catalog-info.yaml`,
      `${baseUrl}/platform/payments-api/src/branch/main/catalog-info.yaml`,
      `${baseUrl}/platform/stacks/src/branch/main/catalog-info.yaml`,
      `${baseUrl}/platform/web-shop/src/branch/main/catalog-info.yaml`,
    ]);
  });

  it('shows the upstream limitation: locations use the configured branch, not the repository default', async () => {
    // labs/recommender keeps catalog-info.yaml on `develop`; the module still points at `main`.
    // The portal therefore uses @edp/plugin-catalog-backend-module-forgejo, which reads each default branch.
    const [target] = await discover('labs');
    expect(target).toBe(
      `${baseUrl}/labs/recommender/src/branch/main/catalog-info.yaml`,
    );
    await expect(reader().readUrl(target)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});
