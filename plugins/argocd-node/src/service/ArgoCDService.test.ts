import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { tokenInstance } from '../__testUtils__/testInstances';
import { DefaultArgoCDService } from './ArgoCDService';

const server = setupServer();
registerMswTestHooks(server);

function serveApps(name: string, apps: string[], counter: { n: number }) {
  server.use(
    http.get(`https://${name}.argocd.test/api/v1/applications`, async () => {
      counter.n += 1;
      await delay(20);
      return HttpResponse.json({
        items: apps.map(a => ({ metadata: { name: a } })),
      });
    }),
  );
}

const settings = { ttlMs: 10_000, staleMs: 60_000 };
/** A fresh Backstage CacheService (memory store), as the backend gives the plugin. */
const cache = () =>
  CacheManager.fromConfig(new ConfigReader({})).forPlugin('edp-argocd');

describe('DefaultArgoCDService', () => {
  it('answers with the healthy instances when one hangs, within its timeout', async () => {
    const calls = { n: 0 };
    serveApps('alpha', ['inventory'], calls);
    serveApps('beta', ['inventory'], calls);
    server.use(
      http.get('https://gamma.argocd.test/api/v1/applications', () =>
        delay('infinite'),
      ),
    );
    const service = new DefaultArgoCDService(
      [
        tokenInstance('alpha'),
        tokenInstance('beta'),
        tokenInstance('gamma', { timeoutMs: 300 }),
      ],
      settings,
      cache(),
    );
    const started = Date.now();
    const outcomes = await service.findApplications({ name: 'inventory' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcomes.map(o => [o.instance, o.ok])).toEqual([
      ['alpha', true],
      ['beta', true],
      ['gamma', false],
    ]);
    const gamma = outcomes[2];
    expect(!gamma.ok && gamma.error.reason).toBe('timeout');
  });

  it('queries the named instances in the given order and reports unknown names as errors', async () => {
    const calls = { n: 0 };
    serveApps('alpha', ['a'], calls);
    serveApps('beta', ['b'], calls);
    const service = new DefaultArgoCDService(
      [tokenInstance('alpha'), tokenInstance('beta')],
      settings,
      cache(),
    );
    const outcomes = await service.findApplications(
      { name: 'x' },
      { instances: ['beta', 'delta', 'alpha'] },
    );
    expect(outcomes.map(o => o.instance)).toEqual(['beta', 'delta', 'alpha']);
    const delta = outcomes[1];
    expect(!delta.ok && delta.error.message).toBe(
      'No ArgoCD instance named "delta" is configured (configured: alpha, beta)',
    );
  });

  it('shares one upstream call between concurrent and later identical queries', async () => {
    const calls = { n: 0 };
    serveApps('alpha', ['a'], calls);
    const service = new DefaultArgoCDService(
      [tokenInstance('alpha')],
      settings,
      cache(),
    );
    await Promise.all([
      service.findApplications({ selector: 'team=x' }),
      service.findApplications({ selector: ' team=x ' }),
    ]);
    await service.findApplications({ selector: 'team=x' });
    expect(calls.n).toBe(1);
    await service.findApplications({ selector: 'team=y' });
    expect(calls.n).toBe(2);
  });

  it('forgets cached lists of an instance after a refresh', async () => {
    const calls = { n: 0 };
    serveApps('alpha', ['a'], calls);
    server.use(
      http.get('https://alpha.argocd.test/api/v1/applications/a', () =>
        HttpResponse.json({ metadata: { name: 'a' } }),
      ),
    );
    const service = new DefaultArgoCDService(
      [tokenInstance('alpha')],
      settings,
      cache(),
    );
    await service.findApplications({ name: 'a' });
    await service.refreshApplication('alpha', 'a');
    await service.findApplications({ name: 'a' });
    expect(calls.n).toBe(2);
  });
});
