import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { tokenInstance } from '../__testUtils__/testInstances';
import { DefaultArgoCDService } from './ArgoCDService';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'https://alpha.argocd.test/api/v1/applications';
const newService = () =>
  new DefaultArgoCDService(
    [tokenInstance('alpha')],
    { ttlMs: 10_000, staleMs: 60_000 },
    CacheManager.fromConfig(new ConfigReader({})).forPlugin('edp-argocd'),
  );

describe('DefaultArgoCDService resource reads and rollback', () => {
  it('asks ArgoCD once for concurrent and repeated tree reads, and again after a rollback', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${BASE}/shop/resource-tree`, async () => {
        calls.push('tree');
        await delay(30);
        return HttpResponse.json({ nodes: [{ kind: 'Pod', name: 'p' }] });
      }),
      http.post(`${BASE}/shop/rollback`, () => {
        calls.push('rollback');
        return HttpResponse.json({ metadata: { name: 'shop' } });
      }),
    );
    const service = newService();
    const [a, b] = await Promise.all([
      service.getResourceTree('alpha', 'shop'),
      service.getResourceTree('alpha', 'shop'),
    ]);
    await service.getResourceTree('alpha', 'shop');
    expect(a).toEqual(b);
    expect(calls).toEqual(['tree']);
    await service.rollbackApplication('alpha', 'shop', 2);
    await service.getResourceTree('alpha', 'shop');
    expect(calls).toEqual(['tree', 'rollback', 'tree']);
  });

  it('turns automated sync off before the rollback when asked to', async () => {
    const calls: string[] = [];
    server.use(
      http.patch(`${BASE}/shop`, () => {
        calls.push('patch');
        return HttpResponse.json({});
      }),
      http.post(`${BASE}/shop/rollback`, () => {
        calls.push('rollback');
        return HttpResponse.json({});
      }),
    );
    await newService().rollbackApplication('alpha', 'shop', 1, {
      disableAutomatedSync: true,
    });
    expect(calls).toEqual(['patch', 'rollback']);
  });

  it('keeps an events failure as an error of the instance, not as data', async () => {
    server.use(
      http.get(`${BASE}/shop/events`, () =>
        HttpResponse.json({ message: 'boom' }, { status: 500 }),
      ),
    );
    await expect(
      newService().listApplicationEvents('alpha', 'shop'),
    ).rejects.toMatchObject({ instance: 'alpha' });
  });
});
