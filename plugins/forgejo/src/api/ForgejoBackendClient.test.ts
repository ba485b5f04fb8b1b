import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { ForgejoBackendClient } from './ForgejoBackendClient';
import { forgejoProblemOf } from './forgejoProblem';

const BASE = 'http://backstage.test/api/forgejo';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};
const client = new ForgejoBackendClient({
  discoveryApi: { getBaseUrl: async () => BASE },
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

/** Backstage's error body, as the backend's error handler answers it. */
const errorBody = (status: number, error: Record<string, unknown>) =>
  HttpResponse.json(
    {
      error,
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
    { status },
  );

describe('ForgejoBackendClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('asks for one card with one request, passing page and fresh', async () => {
    const urls: string[] = [];
    server.use(
      http.get(
        `${BASE}/entity/component/default/payments-api/pulls`,
        ({ request }) => {
          urls.push(request.url);
          return HttpResponse.json({ items: [], page: 3 });
        },
      ),
    );
    await expect(
      client.getList(entity, 'pulls', 3, { fresh: true }),
    ).resolves.toMatchObject({ page: 3 });
    expect(urls).toEqual([
      `${BASE}/entity/component/default/payments-api/pulls?page=3&fresh=true`,
    ]);
  });

  it('rejects with a ResponseError whose Backstage error carries the Forgejo problem', async () => {
    server.use(
      http.get(`${BASE}/entity/component/default/payments-api/overview`, () =>
        errorBody(503, {
          name: 'ServiceUnavailableError',
          message: 'slow',
          code: 'TIMEOUT',
          retryable: true,
        }),
      ),
    );
    const error = await client.getOverview(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(forgejoProblemOf(error)).toMatchObject({
      code: 'TIMEOUT',
      message: 'slow',
    });
  });

  it('explains a denied permission', async () => {
    server.use(
      http.get(`${BASE}/entity/component/default/payments-api/ci`, () =>
        errorBody(403, { name: 'NotAllowedError', message: 'nope' }),
      ),
    );
    const error = await client.getCiRuns(entity).catch(e => e);
    expect(forgejoProblemOf(error)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'nope',
      retryable: false,
    });
  });

  it("keeps the backend's message for a private repository", async () => {
    const message =
      'You may not see the Forgejo repository of component:default/payments-api';
    server.use(
      http.get(`${BASE}/entity/component/default/payments-api/overview`, () =>
        errorBody(403, { name: 'NotAllowedError', message }),
      ),
    );
    const error = await client.getOverview(entity).catch(e => e);
    expect(error.response.status).toBe(403);
    expect(forgejoProblemOf(error)).toMatchObject({
      code: 'FORBIDDEN',
      message,
      retryable: false,
    });
  });

  it('survives a non-JSON error page', async () => {
    server.use(
      http.get(
        `${BASE}/entity/component/default/payments-api/ci`,
        () =>
          new HttpResponse('<html>Bad Gateway', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );
    const error = await client.getCiRuns(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(forgejoProblemOf(error)).toMatchObject({
      code: 'UPSTREAM_ERROR',
      retryable: true,
    });
    expect(error.message).toMatch(/502 Bad Gateway/);
  });

  it('reads the dialog options of a branch and posts a dispatch as JSON', async () => {
    const seen: Array<{ url: string; body?: unknown }> = [];
    server.use(
      http.get(
        `${BASE}/entity/component/default/payments-api/ci/workflows`,
        ({ request }) => {
          seen.push({ url: request.url });
          return HttpResponse.json({ ref: 'release', workflows: [] });
        },
      ),
      http.post(
        `${BASE}/entity/component/default/payments-api/ci/dispatches`,
        async ({ request }) => {
          seen.push({ url: request.url, body: await request.json() });
          return HttpResponse.json(
            { workflow: 'build.yml', ref: 'main', runId: 9, runNumber: 3 },
            { status: 201 },
          );
        },
      ),
    );
    await client.getDispatchOptions(entity, 'release');
    await expect(
      client.dispatchWorkflow(entity, {
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'dev' },
      }),
    ).resolves.toMatchObject({ runId: 9 });
    expect(seen).toEqual([
      {
        url: `${BASE}/entity/component/default/payments-api/ci/workflows?ref=release`,
      },
      {
        url: `${BASE}/entity/component/default/payments-api/ci/dispatches`,
        body: {
          workflow: 'build.yml',
          ref: 'main',
          inputs: { environment: 'dev' },
        },
      },
    ]);
  });

  it("rejects a refused dispatch with the backend's message, which names the field", async () => {
    server.use(
      http.post(
        `${BASE}/entity/component/default/payments-api/ci/dispatches`,
        () =>
          errorBody(400, {
            name: 'InputError',
            message: 'inputs.environment is required by build.yml',
          }),
      ),
    );
    const error = await client
      .dispatchWorkflow(entity, { workflow: 'build.yml', ref: 'main' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(forgejoProblemOf(error)).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'inputs.environment is required by build.yml',
      retryable: false,
    });
  });
});
