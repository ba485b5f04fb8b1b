import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ForgejoClient } from './ForgejoClient';

const API = 'http://forgejo.test/api/v1/repos/platform/payments-api';
const ref = { host: 'forgejo.test', owner: 'platform', repo: 'payments-api' };
const newClient = () =>
  ForgejoClient.fromConfig(
    new ConfigReader({
      integrations: {
        gitea: [
          {
            host: 'forgejo.test',
            baseUrl: 'http://forgejo.test',
            password: 't',
          },
        ],
      },
    }),
  );
const notFound = () =>
  HttpResponse.json({ message: 'not found' }, { status: 404 });

describe('CI capability detection', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('uses actions/runs when present and does not probe again', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${API}/actions/runs`, () => {
        calls.push('runs');
        return HttpResponse.json({
          total_count: 1,
          workflow_runs: [{ id: 1 }],
        });
      }),
    );
    const client = newClient();
    await expect(client.listCi(ref)).resolves.toMatchObject({ source: 'runs' });
    await client.listCi(ref);
    expect(calls).toEqual(['runs', 'runs']);
  });

  it('falls back to actions/tasks, once per host', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${API}/actions/runs`, () => {
        calls.push('runs');
        return notFound();
      }),
      http.get(`${API}/actions/tasks`, () => {
        calls.push('tasks');
        return HttpResponse.json({ total_count: 0, workflow_runs: [] });
      }),
    );
    const client = newClient();
    await expect(client.listCi(ref)).resolves.toMatchObject({
      source: 'tasks',
    });
    await expect(client.listCi(ref)).resolves.toMatchObject({
      source: 'tasks',
    });
    expect(calls).toEqual(['runs', 'tasks', 'tasks']);
  });

  it('falls back to the combined status of the default branch', async () => {
    server.use(
      http.get(`${API}/actions/runs`, notFound),
      http.get(`${API}/actions/tasks`, notFound),
      http.get(API, () => HttpResponse.json({ default_branch: 'trunk' })),
      http.get(`${API}/commits/trunk/status`, () =>
        HttpResponse.json({
          state: 'success',
          statuses: [{ context: 'ci / build', status: 'success' }],
        }),
      ),
    );
    await expect(newClient().listCi(ref)).resolves.toMatchObject({
      source: 'statuses',
      branch: 'trunk',
      data: { state: 'success' },
    });
  });

  it('does not remember anything when the host fails', async () => {
    let fail = true;
    server.use(
      http.get(`${API}/actions/runs`, () =>
        fail
          ? HttpResponse.json({}, { status: 503 })
          : HttpResponse.json({ workflow_runs: [] }),
      ),
    );
    const client = newClient();
    await expect(client.listCi(ref)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    fail = false;
    await expect(client.listCi(ref)).resolves.toMatchObject({ source: 'runs' });
  });
});
