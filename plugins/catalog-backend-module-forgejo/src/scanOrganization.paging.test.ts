import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readProviderConfigs } from './providerConfig';
import { scanOrganization } from './scanOrganization';

const BASE = 'http://forgejo.test';
const config = new ConfigReader({
  integrations: {
    gitea: [{ host: 'forgejo.test', baseUrl: BASE, password: 't' }],
  },
  catalog: {
    providers: {
      forgejo: { big: { host: 'forgejo.test', organizations: ['big'] } },
    },
  },
});
// Built per test: the client keeps the `fetch` it was given, and msw replaces the global one.
const scan = () => {
  const client = ForgejoClient.fromConfig(config);
  const [discovery] = readProviderConfigs(config, client.hosts.list());
  return scanOrganization(client, discovery, 'big').then(r => r.scan);
};

const repos = Array.from({ length: 120 }, (_, i) => ({
  name: `repo-${String(i).padStart(3, '0')}`,
  owner: { login: 'big' },
  default_branch: i % 2 ? 'main' : 'trunk',
}));

describe('scanOrganization paging', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('reads 120 repositories in 3 pages of 50 and checks each on its default branch', async () => {
    const pages: string[] = [];
    const refs = new Map<string, string>();
    server.use(
      http.get(`${BASE}/api/v1/orgs/big/repos`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        pages.push(`${q.get('page')}x${q.get('limit')}`);
        const page = Number(q.get('page'));
        return HttpResponse.json(repos.slice((page - 1) * 50, page * 50), {
          headers: { 'X-Total-Count': String(repos.length) },
        });
      }),
      http.get(
        `${BASE}/api/v1/repos/big/:repo/contents/catalog-info.yaml`,
        ({ request, params }) => {
          refs.set(
            String(params.repo),
            new URL(request.url).searchParams.get('ref') ?? '',
          );
          return HttpResponse.json({ type: 'file' });
        },
      ),
    );
    const result = await scan();
    expect(pages).toEqual(['1x50', '2x50', '3x50']);
    expect(result.targets).toHaveLength(120);
    expect(refs.get('repo-000')).toBe('trunk');
    expect(refs.get('repo-001')).toBe('main');
  });

  it('stops at an empty page when the server sends no total count', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/api/v1/orgs/big/repos`, ({ request }) => {
        calls++;
        const page = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json(page === 1 ? repos.slice(0, 50) : []);
      }),
      http.get(
        `${BASE}/api/v1/repos/big/:repo/contents/catalog-info.yaml`,
        () => HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
    );
    const result = await scan();
    expect(calls).toBe(2);
    expect(result.skipped.withoutCatalogFile).toBe(50);
  });

  it('reports garbage from Forgejo as an invalid response', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/orgs/big/repos`,
        () => new HttpResponse('<html>proxy error</html>'),
      ),
    );
    await expect(scan()).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
  });
});
