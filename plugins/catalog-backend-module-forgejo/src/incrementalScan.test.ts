import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DatabaseScanMemory } from './DatabaseScanMemory';
import { ForgejoEntityProvider } from './ForgejoEntityProvider';
import { readProviderConfigs } from './providerConfig';
import type { ScanMemory } from './scanMemory';

jest.setTimeout(60_000);

const BASE = 'http://forgejo.test';
const config = new ConfigReader({
  integrations: {
    gitea: [{ host: 'forgejo.test', baseUrl: BASE, password: 't' }],
  },
  catalog: {
    providers: {
      forgejo: { inc: { host: 'forgejo.test', organizations: ['org'] } },
    },
  },
});
const LISTED_AT = 'Sun, 06 Dec 2026 12:00:00 GMT';
const HOUR_AGO = '2026-12-06T11:00:00Z';

interface Repo {
  name: string;
  updated_at: string;
  default_branch: string;
  archived?: boolean;
  hasFile: boolean;
}

describe('incremental discovery', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const server = setupServer();
  registerMswTestHooks(server);
  let repos: Repo[];
  let fileChecks: string[];

  beforeEach(() => {
    repos = ['a', 'b', 'c'].map(name => ({
      name,
      updated_at: HOUR_AGO,
      default_branch: 'main',
      hasFile: true,
    }));
    fileChecks = [];
    server.use(
      http.get(`${BASE}/api/v1/orgs/org/repos`, () =>
        HttpResponse.json(
          repos.map(r => ({ ...r, owner: { login: 'org' } })),
          {
            headers: {
              'X-Total-Count': String(repos.length),
              Date: LISTED_AT,
            },
          },
        ),
      ),
      http.get(
        `${BASE}/api/v1/repos/org/:repo/contents/catalog-info.yaml`,
        ({ params, request }) => {
          const ref = new URL(request.url).searchParams.get('ref');
          fileChecks.push(`${params.repo}@${ref}`);
          const repo = repos.find(r => r.name === params.repo);
          return repo?.hasFile
            ? HttpResponse.json({ type: 'file' })
            : HttpResponse.json({ message: 'not found' }, { status: 404 });
        },
      ),
    );
  });

  // Built per test: the client keeps the `fetch` it was given, and msw replaces the global one.
  async function connectedProvider(memory?: ScanMemory) {
    const client = ForgejoClient.fromConfig(config);
    const [discovery] = readProviderConfigs(config, client.hosts.list());
    const provider = new ForgejoEntityProvider(
      discovery,
      client,
      mockServices.logger.mock(),
      { memory },
    );
    await provider.connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });
    return provider;
  }
  const names = (locations: string[]) =>
    locations.map(l => l.split('/')[4]).sort();

  it('makes no per-repository request when nothing changed since the last scan', async () => {
    const provider = await connectedProvider();
    const first = await provider.refresh();
    expect(fileChecks).toHaveLength(3);

    fileChecks = [];
    const second = await provider.refresh();
    expect(fileChecks).toEqual([]);
    expect(second.locations).toEqual(first.locations);
    expect(second.scans[0].checked).toBe(0);
  });

  it('re-reads a repository that was pushed to, and only that one', async () => {
    const provider = await connectedProvider();
    await provider.refresh();

    repos[1].updated_at = '2026-12-06T11:30:00Z';
    repos[1].hasFile = false; // the push removed the catalog file
    fileChecks = [];
    const after = await provider.refresh();
    expect(fileChecks).toEqual(['b@main']);
    expect(names(after.locations)).toEqual(['a', 'c']);
  });

  it('reads a repository on its new default branch when that changed', async () => {
    const provider = await connectedProvider();
    await provider.refresh();

    repos[0].default_branch = 'develop';
    fileChecks = [];
    const after = await provider.refresh();
    expect(fileChecks).toEqual(['a@develop']);
    expect(after.locations.find(l => l.includes('/a/'))).toMatch(
      /src\/branch\/develop\//,
    );
  });

  it('removes deleted and archived repositories without asking for them', async () => {
    const provider = await connectedProvider();
    await provider.refresh();

    repos = repos.filter(r => r.name !== 'a');
    repos[0].archived = true; // b
    fileChecks = [];
    const after = await provider.refresh();
    expect(fileChecks).toEqual([]);
    expect(names(after.locations)).toEqual(['c']);
  });

  it('checks again next time a repository that changed in the second the listing was made', async () => {
    const provider = await connectedProvider();
    repos[2].updated_at = '2026-12-06T12:00:00Z'; // same second as the listing's Date
    await provider.refresh();

    fileChecks = [];
    await provider.refresh();
    expect(fileChecks).toEqual(['c@main']);
  });

  it("lets a second backend replica rescan without re-reading, from the first one's scan in the shared database", async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const replicaA = await connectedProvider(new DatabaseScanMemory(database));
    const first = await replicaA.refresh();

    fileChecks = [];
    const replicaB = await connectedProvider(new DatabaseScanMemory(database));
    const second = await replicaB.refresh();
    expect(fileChecks).toEqual([]);
    expect(second.locations).toEqual(first.locations);
  });
});
