import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { Entity } from '@backstage/catalog-model';
import { ForgejoHosts } from './hosts';

const hosts = (gitea: object[]) =>
  new ForgejoHosts(
    ScmIntegrations.fromConfig(new ConfigReader({ integrations: { gitea } })),
  );
const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});
const two = hosts([
  { host: '127.0.0.1:7101', baseUrl: 'http://127.0.0.1:7101', password: 't' },
  {
    host: 'git.example.com',
    baseUrl: 'https://git.example.com/forgejo',
    username: 'u',
    password: 'p',
  },
]);

describe('ForgejoHosts', () => {
  it('resolves a slug on the first configured host by default', () => {
    expect(
      two.resolveEntity(
        entity({ 'forgejo.org/repo-slug': 'platform/payments-api' }),
      ),
    ).toEqual({
      host: '127.0.0.1:7101',
      owner: 'platform',
      repo: 'payments-api',
    });
  });

  it('uses forgejo.org/host when given', () => {
    expect(
      two.resolveEntity(
        entity({
          'forgejo.org/repo-slug': 'a/b',
          'forgejo.org/host': 'git.example.com',
        }),
      ).host,
    ).toBe('git.example.com');
  });

  it('resolves a source location on a configured host, with a sub-path and a branch with slashes', () => {
    expect(
      two.resolveEntity(
        entity({
          'backstage.io/source-location':
            'url:https://git.example.com/forgejo/team/app/src/branch/feature/x/y/',
        }),
      ),
    ).toEqual({ host: 'git.example.com', owner: 'team', repo: 'app' });
  });

  it('names the missing host of a source location', () => {
    expect(() =>
      two.resolveEntity(
        entity({
          'backstage.io/source-location':
            'url:https://code.other.org/a/b/src/branch/main/',
        }),
      ),
    ).toThrow(/No integrations.gitea entry for host "code.other.org"/);
  });

  it('names the missing host of forgejo.org/host', () => {
    expect(() =>
      two.resolveEntity(
        entity({
          'forgejo.org/repo-slug': 'a/b',
          'forgejo.org/host': 'nope.test',
        }),
      ),
    ).toThrow(/"nope.test".*Configured hosts: 127.0.0.1:7101, git.example.com/);
  });

  it('explains a malformed slug', () => {
    expect(() =>
      two.resolveEntity(entity({ 'forgejo.org/repo-slug': 'just-a-name' })),
    ).toThrow(/must be "owner\/repo", got "just-a-name"/);
  });

  it('says when no integrations.gitea entry exists at all', () => {
    expect(() =>
      hosts([]).resolveEntity(entity({ 'forgejo.org/repo-slug': 'a/b' })),
    ).toThrow(/No integrations.gitea entries are configured/);
  });

  it('builds the API base URL from baseUrl, keeping a sub-path', () => {
    expect(two.get('git.example.com')).toMatchObject({
      webBaseUrl: 'https://git.example.com/forgejo',
      apiBaseUrl: 'https://git.example.com/forgejo/api/v1',
    });
  });
});
