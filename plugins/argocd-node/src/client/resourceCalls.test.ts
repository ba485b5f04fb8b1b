import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ArgoCDClient } from './ArgoCDClient';
import { tokenInstance } from '../__testUtils__/testInstances';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'https://alpha.argocd.test';

describe('ArgoCDClient resource calls', () => {
  it('reads tree, managed resources and events of an app in another namespace', async () => {
    const seen: string[] = [];
    const record = ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      seen.push(`${url.pathname}?${url.searchParams}`);
    };
    server.use(
      http.get(`${BASE}/api/v1/applications/:name/resource-tree`, info => {
        record(info);
        return HttpResponse.json({ nodes: [{ kind: 'Pod', name: 'p' }] });
      }),
      http.get(`${BASE}/api/v1/applications/:name/managed-resources`, info => {
        record(info);
        return HttpResponse.json({ items: null });
      }),
      http.get(`${BASE}/api/v1/applications/:name/events`, info => {
        record(info);
        return HttpResponse.json({ metadata: {}, items: [{ reason: 'X' }] });
      }),
    );
    const client = new ArgoCDClient(tokenInstance('alpha'));
    expect((await client.getResourceTree('shop', 'team-a')).nodes).toEqual([
      { kind: 'Pod', name: 'p' },
    ]);
    expect(await client.getManagedResources('shop', 'team-a')).toEqual([]);
    expect(await client.listEvents('shop')).toEqual([{ reason: 'X' }]);
    expect(seen).toEqual([
      '/api/v1/applications/shop/resource-tree?appNamespace=team-a',
      '/api/v1/applications/shop/managed-resources?appNamespace=team-a',
      '/api/v1/applications/shop/events?',
    ]);
  });

  it('rolls back by history id and turns automated sync off with a merge patch', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${BASE}/api/v1/applications/shop/rollback`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ metadata: { name: 'shop' } });
        },
      ),
      http.patch(`${BASE}/api/v1/applications/shop`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ metadata: { name: 'shop' } });
      }),
    );
    const client = new ArgoCDClient(tokenInstance('alpha'));
    await client.disableAutomatedSync('shop');
    await client.rollbackApplication('shop', 3, 'team-a');
    expect(bodies).toEqual([
      {
        name: 'shop',
        patchType: 'merge',
        patch: '{"spec":{"syncPolicy":{"automated":null}}}',
      },
      { name: 'shop', id: 3, appNamespace: 'team-a' },
    ]);
  });

  it('reports ArgoCD refusing a rollback with its message', async () => {
    server.use(
      http.post(`${BASE}/api/v1/applications/shop/rollback`, () =>
        HttpResponse.json(
          {
            code: 9,
            message: 'rollback cannot be initiated when auto-sync is enabled',
          },
          { status: 400 },
        ),
      ),
    );
    const client = new ArgoCDClient(tokenInstance('alpha'));
    await expect(client.rollbackApplication('shop', 1)).rejects.toThrow(
      /rollback cannot be initiated when auto-sync is enabled/,
    );
  });
});
