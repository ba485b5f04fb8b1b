import type { Entity } from '@backstage/catalog-model';
import {
  getForgejoRepoLocation,
  isForgejoAvailable,
  parseRepoSlug,
  parseSourceLocation,
} from './repoRef';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});

describe('parseRepoSlug', () => {
  it('accepts owner/repo and drops .git', () => {
    expect(parseRepoSlug('platform/payments-api.git')).toEqual({
      owner: 'platform',
      repo: 'payments-api',
    });
  });
  it.each(['', 'platform', 'a/b/c', 'a/ b', '../x'])('rejects %j', slug => {
    expect(parseRepoSlug(slug)).toBeUndefined();
  });
});

describe('parseSourceLocation', () => {
  it('keeps only owner and repo when the branch contains slashes', () => {
    expect(
      parseSourceLocation(
        'url:http://127.0.0.1:7101/platform/web-shop/src/branch/feature/a/b/',
      ),
    ).toEqual({ host: '127.0.0.1:7101', owner: 'platform', repo: 'web-shop' });
  });
  it('strips the base path of a Forgejo served under a sub-path', () => {
    expect(
      parseSourceLocation(
        'url:https://git.example.com/forgejo/team/app/',
        '/forgejo',
      ),
    ).toEqual({ host: 'git.example.com', owner: 'team', repo: 'app' });
  });
  it('rejects non-URLs', () => {
    expect(parseSourceLocation('not a url')).toBeUndefined();
  });
});

describe('getForgejoRepoLocation', () => {
  it('prefers the slug annotation and its host', () => {
    expect(
      getForgejoRepoLocation(
        entity({
          'forgejo.org/repo-slug': 'platform/payments-api',
          'forgejo.org/host': 'git.example.com',
          'backstage.io/source-location':
            'url:http://other/x/y/src/branch/main/',
        }),
      ),
    ).toEqual({
      host: 'git.example.com',
      owner: 'platform',
      repo: 'payments-api',
    });
  });
});

describe('isForgejoAvailable', () => {
  it('is true with a slug', () => {
    expect(isForgejoAvailable(entity({ 'forgejo.org/repo-slug': 'a/b' }))).toBe(
      true,
    );
  });
  it('is true for a Forgejo-shaped source location', () => {
    expect(
      isForgejoAvailable(
        entity({
          'backstage.io/source-location':
            'url:http://127.0.0.1:7101/platform/web-shop/src/branch/main/',
        }),
      ),
    ).toBe(true);
  });
  it('is false for a GitHub source location unless its host is a configured gitea host', () => {
    const e = entity({
      'backstage.io/source-location': 'url:https://github.com/a/b/tree/main/',
    });
    expect(isForgejoAvailable(e)).toBe(false);
    expect(isForgejoAvailable(e, { giteaHosts: ['github.com'] })).toBe(true);
  });
  it('is false without annotations', () => {
    expect(isForgejoAvailable(entity({}))).toBe(false);
  });
});
