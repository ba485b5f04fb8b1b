import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { scanOrganization, fileOnBranchPath } from './scanOrganization';
import {
  discoveryFor,
  sandboxConfig,
  type TestSandbox,
} from './__testUtils__/sandbox';
import { startTestSandbox } from '@edp/sandbox';

jest.setTimeout(60_000);

describe('scanOrganization against the Forgejo stand-in', () => {
  let sandbox: TestSandbox;
  let web: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    web = sandbox.endpoints.forgejo.api;
  });
  afterAll(() => sandbox.stop());

  const scan = (organization: string, provider: object = {}) => {
    const config = sandboxConfig(sandbox, {
      test: { organizations: [organization], ...provider },
    });
    const { client, discovery } = discoveryFor(config, 'test');
    return {
      config,
      result: scanOrganization(client, discovery, organization).then(
        r => r.scan,
      ),
    };
  };

  it('finds the catalog file of every live repository, skipping archived, empty and file-less ones', async () => {
    const result = await scan('platform').result;
    expect(result.targets.sort()).toEqual([
      `${web}/platform/inventory-service/src/branch/main/catalog-info.yaml`,
      `${web}/platform/payments-api/src/branch/main/catalog-info.yaml`,
      `${web}/platform/stacks/src/branch/main/catalog-info.yaml`,
      `${web}/platform/web-shop/src/branch/main/catalog-info.yaml`,
    ]);
    expect(result.repositories).toBe(7);
    expect(result.skipped).toEqual({
      archived: 1, // legacy-billing
      empty: 1, // scratch
      notMatchingPattern: 0,
      withoutCatalogFile: 1, // docs-mirror
    });
  });

  it("uses each repository's default branch, and Backstage's Gitea URL reader reads what it found", async () => {
    const { config, result } = scan('labs');
    const { targets } = await result;
    expect(targets.sort()).toEqual([
      `${web}/labs/recommender/src/branch/develop/catalog-info.yaml`,
      `${web}/labs/search-ranking/src/branch/release%2F2026.11/catalog-info.yaml`,
    ]);
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });
    for (const target of targets) {
      const body = (await (await reader.readUrl(target)).buffer()).toString();
      expect(body).toMatch(/kind: Component/);
    }
  });

  it('reads one fixed branch when the provider names it', async () => {
    const result = await scan('labs', { branch: 'main' }).result;
    expect(result.targets).toEqual([]);
    expect(result.skipped.withoutCatalogFile).toBe(2);
  });

  it('keeps only repositories matching repositoryPattern', async () => {
    const result = await scan('platform', {
      repositoryPattern: '^(payments|web)-',
    }).result;
    expect(result.targets.map(t => t.split('/')[4]).sort()).toEqual([
      'payments-api',
      'web-shop',
    ]);
    expect(result.skipped.notMatchingPattern).toBe(3);
  });

  it('scans archived repositories when includeArchived is set', async () => {
    const result = await scan('platform', { includeArchived: true }).result;
    expect(result.skipped.archived).toBe(0);
    // legacy-billing has no catalog file on its default branch `master`.
    expect(result.skipped.withoutCatalogFile).toBe(2);
  });

  it('fails with the host and path named when the organisation does not exist', async () => {
    await expect(scan('no-such-org').result).rejects.toThrow(
      /answered 404 for \/orgs\/no-such-org\/repos/,
    );
  });

  it('fails, rather than reporting fewer repositories, when Forgejo errors', async () => {
    sandbox.faults.set('forgejo', { errorRate: 1, errorStatus: 503 });
    try {
      await expect(scan('platform').result).rejects.toMatchObject({
        code: 'UPSTREAM_ERROR',
      });
    } finally {
      sandbox.faults.clear('forgejo');
    }
  });
});

describe('fileOnBranchPath', () => {
  it('keeps nested paths readable and encodes the branch as one segment', () => {
    expect(fileOnBranchPath('feature/x y', 'docs/catalog-info.yaml')).toBe(
      '/src/branch/feature%2Fx%20y/docs/catalog-info.yaml',
    );
  });
});
