import { ConfigReader } from '@backstage/config';
import { CommitLinker } from './commitLink';

const linker = CommitLinker.fromConfig(
  new ConfigReader({
    integrations: {
      gitea: [{ host: '127.0.0.1:7101', baseUrl: 'http://127.0.0.1:7101' }],
    },
  }),
);

describe('CommitLinker', () => {
  it('links commits of repositories on a configured Gitea/Forgejo host', () => {
    expect(
      linker.commitUrl(
        'http://127.0.0.1:7101/platform/payments-api.git',
        'abc1234',
      ),
    ).toBe('http://127.0.0.1:7101/platform/payments-api/commit/abc1234');
  });

  it('gives no link for other hosts, tags or chart repositories', () => {
    expect(
      linker.commitUrl('https://github.com/o/r.git', 'abc1234'),
    ).toBeUndefined();
    expect(
      linker.commitUrl(
        'http://127.0.0.1:7101/platform/payments-api.git',
        'v1.2.0',
      ),
    ).toBeUndefined();
    expect(
      linker.commitUrl('git@127.0.0.1:platform/x.git', 'abc1234'),
    ).toBeUndefined();
  });
});
