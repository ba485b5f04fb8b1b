import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { forgejoIntegrationOf, startTestSandbox } from '@edp/sandbox';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { UpstreamCache } from '@edp/plugin-edp-cache-node';
import { ForgejoCards } from './services/ForgejoCards';
import { memoryCache } from './__testUtils__/memoryCache';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** The backend against the real Forgejo stand-in of packages/sandbox (seeded platform/* repositories). */
describe('forgejo backend against the Forgejo stand-in', () => {
  let sandbox: Sandbox;
  let app: express.Express;
  let host: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    const integration = forgejoIntegrationOf(sandbox);
    host = integration.host;
    const client = ForgejoClient.fromConfig(
      new ConfigReader({ integrations: { gitea: [integration] } }),
      { requestTimeoutMs: 2000 },
    );
    const entity = (name: string, annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations },
      spec: {},
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock({
        entities: [
          entity('payments-api', {
            'forgejo.org/repo-slug': 'platform/payments-api',
          }),
          entity('web-shop', {
            'backstage.io/source-location': `url:${integration.baseUrl}/platform/web-shop/src/branch/main/`,
          }),
          entity('ghost', {
            'forgejo.org/repo-slug': 'platform/does-not-exist',
          }),
        ],
      }),
      client,
      cards: new ForgejoCards(
        client,
        new UpstreamCache(memoryCache(), { ttlMs: 60_000 }),
      ),
      logger: mockServices.logger.mock(),
    });
    app = express().use(router).use(mockErrorHandler());
  }, 60_000);

  afterAll(() => sandbox?.stop());
  afterEach(() => sandbox.faults.clear());

  it('fills the overview card from the seeded repository', async () => {
    const res = await request(app).get(
      '/entity/component/default/payments-api/overview',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      host,
      fullName: 'platform/payments-api',
      defaultBranch: 'main',
    });
    expect(res.body.languages.length).toBeGreaterThan(0);
    expect(res.body.latestCommit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(res.body.latestCommit.status.total).toBeGreaterThan(0);
    expect(res.body.latestRelease.tagName).toMatch(/^v\d/);
  });

  it('costs 4 upstream calls cold, 0 warm, and matches the repository Forgejo describes', async () => {
    const counter = (sandbox.standIns.get('forgejo')!.state as any).counter as {
      snapshot(): { total: number; byRoute: Record<string, number> };
    };
    const path = '/entity/component/default/payments-api/overview';
    const before = counter.snapshot().total;
    const cold = await request(app).get(`${path}?fresh=true`);
    expect(cold.status).toBe(200);
    expect(counter.snapshot().total - before).toBe(4);
    const warm = await request(app).get(path);
    expect(warm.body.fetchedAt).toBe(cold.body.fetchedAt);
    expect(counter.snapshot().total - before).toBe(4);

    // The fields taken from the combined status' repository are those of GET /repos/{o}/{r}.
    const repo = await (
      await fetch(
        `${sandbox.endpoints.forgejo.api}/api/v1/repos/platform/payments-api`,
        {
          headers: { Authorization: 'token sandbox-forgejo-token' },
        },
      )
    ).json();
    expect(cold.body).toMatchObject({
      description: repo.description,
      topics: repo.topics,
      defaultBranch: repo.default_branch,
      stars: repo.stars_count,
      forks: repo.forks_count,
      watchers: repo.watchers_count,
      openIssues: repo.open_issues_count,
      openPullRequests: repo.open_pr_counter,
      releases: repo.release_counter,
      archived: repo.archived,
      private: repo.private,
    });
  });

  it('resolves web-shop from its source location', async () => {
    const res = await request(app).get(
      '/entity/component/default/web-shop/overview',
    );
    expect(res.status).toBe(200);
    expect(res.body.fullName).toBe('platform/web-shop');
  });

  it('lists Actions runs through actions/runs', async () => {
    const res = await request(app).get(
      '/entity/component/default/payments-api/ci',
    );
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('runs');
    expect(res.body.runs.length).toBeGreaterThan(0);
    expect(res.body.runs[0]).toMatchObject({
      workflow: expect.any(String),
      event: expect.any(String),
    });
  });

  it('starts a workflow of web-shop whose run the CI card shows on its next view', async () => {
    const card = '/entity/component/default/web-shop/ci';
    const before = await request(app).get(card);
    expect(before.body.canDispatch).toBe(true);
    const offered = await request(app).get(`${card}/workflows`);
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({
      ref: 'main',
      defaultBranch: 'main',
      branches: ['main'],
      workflows: [
        {
          id: 'build.yml',
          name: 'Build',
          path: '.forgejo/workflows/build.yml',
          inputs: [
            expect.objectContaining({
              name: 'environment',
              type: 'choice',
              options: ['dev', 'staging'],
            }),
            expect.objectContaining({ name: 'notes', type: 'string' }),
          ],
        },
      ],
    });
    const started = await request(app)
      .post(`${card}/dispatches`)
      .send({
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'staging', notes: 'from the card' },
      });
    expect(started.status).toBe(201);
    expect(started.body.runId).toEqual(expect.any(Number));
    const after = await request(app).get(card);
    expect(after.body.runs[0]).toMatchObject({
      id: started.body.runId,
      runNumber: started.body.runNumber,
      event: 'workflow_dispatch',
    });
  });

  it('refuses a choice the workflow does not offer, naming the input', async () => {
    const res = await request(app)
      .post('/entity/component/default/web-shop/ci/dispatches')
      .send({
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'production' },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'inputs.environment of build.yml must be one of "dev", "staging"; got "production"',
    );
  });

  it.each(['pulls', 'issues', 'releases', 'commits'])(
    'pages %s with a total count',
    async kind => {
      const res = await request(app).get(
        `/entity/component/default/payments-api/${kind}?page=1`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.totalCount).toBeGreaterThanOrEqual(res.body.items.length);
    },
  );

  it('answers NOT_FOUND for a repository the stand-in does not have', async () => {
    const res = await request(app).get(
      '/entity/component/default/ghost/overview',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      code: 'NOT_FOUND',
    });
  });

  it('turns an injected upstream failure into a retryable ServiceUnavailableError carrying the problem', async () => {
    sandbox.faults.set('forgejo', { errorRate: 1 });
    const res = await request(app).get(
      '/entity/component/default/payments-api/releases?page=2&fresh=true',
    );
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      code: 'UPSTREAM_ERROR',
      upstreamStatus: 503,
      retryable: true,
    });
  });

  it('turns garbage from the stand-in into INVALID_RESPONSE', async () => {
    sandbox.faults.set('forgejo', { garbage: true });
    const res = await request(app).get(
      '/entity/component/default/payments-api/issues?page=1&fresh=true',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('INVALID_RESPONSE');
  });
});
