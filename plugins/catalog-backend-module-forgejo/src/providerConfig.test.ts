import { ConfigReader } from '@backstage/config';
import { readProviderConfigs } from './providerConfig';

const read = (provider: object, hosts = ['git.example.com']) =>
  readProviderConfigs(
    new ConfigReader({
      catalog: { providers: { forgejo: { main: provider } } },
    }),
    hosts,
  );

describe('readProviderConfigs', () => {
  it('reads no providers when none are configured', () => {
    expect(readProviderConfigs(new ConfigReader({}), [])).toEqual([]);
  });

  it('fills in defaults: catalog-info.yaml, default branches, no archived repositories, every 30 minutes', () => {
    const [c] = read({
      host: 'git.example.com',
      organizations: ['platform', 'labs', 'platform'],
    });
    expect(c).toMatchObject({
      id: 'main',
      host: 'git.example.com',
      organizations: ['platform', 'labs'],
      catalogPath: 'catalog-info.yaml',
      branch: undefined,
      includeArchived: false,
      schedule: { frequency: { minutes: 30 } },
    });
  });

  it('accepts the single `organization` key of catalog.providers.gitea, and a schedule', () => {
    const [c] = read({
      host: 'git.example.com',
      organization: 'platform',
      catalogPath: '/deploy/catalog-info.yaml',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    });
    expect(c.organizations).toEqual(['platform']);
    expect(c.catalogPath).toBe('deploy/catalog-info.yaml');
    expect(c.schedule.frequency).toEqual({ minutes: 5 });
  });

  it('names the host missing from integrations.gitea and the configured ones', () => {
    expect(() =>
      read({ host: 'other.example.com', organizations: ['x'] }),
    ).toThrow(
      'catalog.providers.forgejo.main.host is "other.example.com", which has no integrations.gitea entry; add one with host: other.example.com (and baseUrl, password), or use one of the configured hosts: git.example.com.',
    );
  });

  it('asks for organisations when none are listed', () => {
    expect(() => read({ host: 'git.example.com' })).toThrow(
      /catalog\.providers\.forgejo\.main\.organizations is missing/,
    );
  });

  it.each(['../secrets.yaml', '**/catalog-info.yaml', ' '])(
    'refuses catalogPath %j',
    catalogPath => {
      expect(() =>
        read({ host: 'git.example.com', organizations: ['x'], catalogPath }),
      ).toThrow(
        /catalog\.providers\.forgejo\.main\.catalogPath must be a plain file path/,
      );
    },
  );

  it('names a broken repositoryPattern', () => {
    expect(() =>
      read({
        host: 'git.example.com',
        organizations: ['x'],
        repositoryPattern: '(',
      }),
    ).toThrow(
      /catalog\.providers\.forgejo\.main\.repositoryPattern is not a valid regular expression/,
    );
  });
});
