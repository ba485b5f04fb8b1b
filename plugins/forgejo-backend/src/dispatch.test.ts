import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { permissionsDenying } from '@edp/plugin-edp-cache-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { forgejoBackendPlugin } from './plugin';
import {
  FORGEJO_BASE,
  integrationsConfig,
} from './__testUtils__/forgejoHandlers';

const REPO_PATH = '/api/v1/repos/platform/web-shop';
const REPO = `${FORGEJO_BASE}${REPO_PATH}`;
const CARD = '/api/forgejo/entity/component/default/web-shop/ci';

const BUILD = `name: Build
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Where to deploy
        required: true
        type: choice
        options: [dev, staging]
      dry_run:
        type: boolean
        default: false
jobs:
  build:
    runs-on: docker
`;

const webShop = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'web-shop',
    namespace: 'default',
    annotations: { 'forgejo.org/repo-slug': 'platform/web-shop' },
  },
  spec: {},
};

/**
 * A Forgejo with one repository whose build.yml can be dispatched; dispatches add a run to
 * /actions/runs, as Forgejo does before it answers.
 */
function forgejo() {
  const dispatched: Array<{ workflow: string; body: any }> = [];
  const runs: any[] = [
    {
      id: 1,
      run_number: 1,
      workflow_id: 'build.yml',
      status: 'success',
      event: 'push',
    },
  ];
  const handlers = [
    http.get(REPO, () =>
      HttpResponse.json({
        full_name: 'platform/web-shop',
        default_branch: 'main',
      }),
    ),
    http.get(`${REPO}/branches`, () =>
      HttpResponse.json([{ name: 'main' }, { name: 'release' }]),
    ),
    http.get(`${REPO}/branches/*`, () =>
      HttpResponse.json({ message: 'not found' }, { status: 404 }),
    ),
    http.get(`${REPO}/contents/*`, ({ request: req }) => {
      const path = decodeURIComponent(
        new URL(req.url).pathname.replace(`${REPO_PATH}/contents/`, ''),
      );
      if (path === '.forgejo/workflows')
        return HttpResponse.json([
          {
            name: 'build.yml',
            path: '.forgejo/workflows/build.yml',
            type: 'file',
          },
        ]);
      if (path === '.forgejo/workflows/build.yml')
        return HttpResponse.json({
          name: 'build.yml',
          path,
          type: 'file',
          encoding: 'base64',
          content: Buffer.from(BUILD).toString('base64'),
        });
      return HttpResponse.json({ message: 'not found' }, { status: 404 });
    }),
    http.get(`${REPO}/actions/runs`, () =>
      HttpResponse.json({
        total_count: runs.length,
        workflow_runs: [...runs].reverse(),
      }),
    ),
    http.post(
      `${REPO}/actions/workflows/:workflow/dispatches`,
      async ({ request: req, params }) => {
        const body = await req.json();
        dispatched.push({ workflow: String(params.workflow), body });
        const run = {
          id: 100 + runs.length,
          run_number: runs.length + 1,
          workflow_id: params.workflow,
          status: 'waiting',
          event: 'workflow_dispatch',
        };
        runs.push(run);
        return HttpResponse.json(
          { id: run.id, run_number: run.run_number, jobs: ['build'] },
          { status: 201 },
        );
      },
    ),
  ];
  return { handlers, dispatched };
}

describe('forgejo backend: starting a workflow from the CI card', () => {
  const server = setupServer(
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  registerMswTestHooks(server);

  /** Starts the plugin; `denied` lists the permission names the policy refuses. */
  const start = async (denied: string[] = []) => {
    const upstream = forgejo();
    server.use(...upstream.handlers);
    const auditor = mockServices.auditor.mock();
    const events: Array<Record<string, any>> = [];
    auditor.createEvent.mockImplementation(
      async ({ request: _r, ...event }) => {
        const recorded: Record<string, any> = { ...event };
        events.push(recorded);
        return {
          async success(result) {
            Object.assign(recorded, { outcome: 'success', meta: result?.meta });
          },
          async fail({ error, meta }) {
            Object.assign(recorded, {
              outcome: 'fail',
              error: error.name,
              meta,
            });
          },
        };
      },
    );
    const { server: app } = await startTestBackend({
      features: [
        forgejoBackendPlugin,
        mockServices.rootConfig.factory({
          data: { ...integrationsConfig, forgejo: { cacheTtl: '5m' } },
        }),
        permissionsDenying(denied).factory,
        auditor.factory,
        catalogServiceMock.factory({ entities: [webShop] }),
      ],
    });
    return { app, upstream, events };
  };

  const dispatch = (app: any, body: unknown) =>
    request(app)
      .post(`${CARD}/dispatches`)
      .send(body as object);

  it('tells the card whether the caller may dispatch, in the card answer itself', async () => {
    const privileged = await start();
    expect((await request(privileged.app).get(CARD)).body.canDispatch).toBe(
      true,
    );
    const visitor = await start(['forgejo.workflow.dispatch']);
    const res = await request(visitor.app).get(CARD);
    expect(res.status).toBe(200);
    expect(res.body.canDispatch).toBe(false);
    expect(res.body.runs).toHaveLength(1);
  });

  it('refuses a caller without forgejo.workflow.dispatch with 403, sends nothing and audits the refusal', async () => {
    const { app, upstream, events } = await start([
      'forgejo.workflow.dispatch',
    ]);
    const res = await dispatch(app, {
      workflow: 'build.yml',
      ref: 'main',
      inputs: { environment: 'dev' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('forgejo.workflow.dispatch');
    expect((await request(app).get(`${CARD}/workflows`)).status).toBe(403);
    expect(upstream.dispatched).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'forgejo-workflow-dispatch',
        outcome: 'fail',
        error: 'NotAllowedError',
      }),
    ]);
  });

  it('offers the workflows of a branch with their inputs', async () => {
    const { app } = await start();
    const res = await request(app).get(`${CARD}/workflows`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ref: 'main',
      defaultBranch: 'main',
      branches: ['main', 'release'],
      unreadable: [],
      workflows: [
        {
          id: 'build.yml',
          name: 'Build',
          path: '.forgejo/workflows/build.yml',
          inputs: [
            {
              name: 'environment',
              description: 'Where to deploy',
              type: 'choice',
              required: true,
              options: ['dev', 'staging'],
            },
            {
              name: 'dry_run',
              type: 'boolean',
              required: false,
              default: 'false',
            },
          ],
        },
      ],
    });
    const unknownRef = await request(app).get(`${CARD}/workflows?ref=nope`);
    expect(unknownRef.status).toBe(400);
    expect(unknownRef.body.error.message).toBe(
      'ref "nope" is not a branch of platform/web-shop; choose one of: main, release',
    );
  });

  it.each([
    [{ ref: 'main' }, 'workflow must be the file name of a workflow'],
    [
      { workflow: 'build.yml' },
      'ref must be the branch to run the workflow on',
    ],
    [
      { workflow: 'build.yml', ref: 'main', inputs: { dry_run: true } },
      'inputs.dry_run must be a string',
    ],
    [
      { workflow: 'deploy.yml', ref: 'main' },
      'workflow "deploy.yml" is not a workflow of platform/web-shop at main that can be started by hand (on: workflow_dispatch); choose one of: build.yml',
    ],
    [
      { workflow: 'build.yml', ref: 'gone', inputs: { environment: 'dev' } },
      'ref "gone" is not a branch of platform/web-shop; choose one of: main, release',
    ],
    [
      { workflow: 'build.yml', ref: 'main', inputs: {} },
      'inputs.environment is required by build.yml (Where to deploy)',
    ],
    [
      { workflow: 'build.yml', ref: 'main', inputs: { environment: 'prod' } },
      'inputs.environment of build.yml must be one of "dev", "staging"; got "prod"',
    ],
    [
      {
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'dev', dry_run: 'yes' },
      },
      'inputs.dry_run of build.yml is a boolean: send "true" or "false", got "yes"',
    ],
    [
      {
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'dev', colour: 'red' },
      },
      'inputs.colour is not an input of build.yml; its inputs are: environment, dry_run',
    ],
  ])('answers 400 naming the field for %j', async (body, message) => {
    const { app, upstream, events } = await start();
    const res = await dispatch(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
    expect(upstream.dispatched).toEqual([]);
    expect(events[0]).toMatchObject({ outcome: 'fail', error: 'InputError' });
  });

  it('dispatches with the inputs given, audits who started what, and the card shows the new run at once', async () => {
    const { app, upstream, events } = await start();
    const before = await request(app).get(CARD);
    expect(before.body.runs).toHaveLength(1);
    const res = await dispatch(app, {
      workflow: 'build.yml',
      ref: 'main',
      inputs: { environment: 'staging', dry_run: 'true' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      workflow: 'build.yml',
      ref: 'main',
      runId: 101,
      runNumber: 2,
    });
    expect(upstream.dispatched).toEqual([
      {
        workflow: 'build.yml',
        body: {
          ref: 'main',
          inputs: { environment: 'staging', dry_run: 'true' },
          return_run_info: true,
        },
      },
    ]);
    // The auditor adds who (the caller's credentials, from the request); the event says what.
    expect(events).toEqual([
      {
        eventId: 'forgejo-workflow-dispatch',
        severityLevel: 'medium',
        outcome: 'success',
        meta: {
          entity: 'component:default/web-shop',
          repository: 'forgejo.test/platform/web-shop',
          workflow: 'build.yml',
          ref: 'main',
          inputs: ['environment', 'dry_run'],
          runId: 101,
        },
      },
    ]);
    // The card's cached runs were dropped: the next view, without ?fresh, has the new run.
    const after = await request(app).get(CARD);
    expect(after.body.runs[0]).toMatchObject({
      id: 101,
      event: 'workflow_dispatch',
    });
  });

  it("turns Forgejo's own refusal into a 400 with Forgejo's words", async () => {
    const { app } = await start();
    server.use(
      http.post(`${REPO}/actions/workflows/:workflow/dispatches`, () =>
        HttpResponse.json(
          {
            message: "input required for 'Where to deploy'",
            url: FORGEJO_BASE,
          },
          { status: 400 },
        ),
      ),
    );
    const res = await dispatch(app, {
      workflow: 'build.yml',
      ref: 'main',
      inputs: { environment: 'dev' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'Forgejo refused to start build.yml on main: ',
    );
    expect(res.body.error.message).toContain(
      "Forgejo said: input required for 'Where to deploy'",
    );
  });

  it('sends only the dispatch upstream when the dialog has just read the workflows', async () => {
    const { app } = await start();
    expect((await request(app).get(`${CARD}/workflows`)).status).toBe(200);
    const upstream: string[] = [];
    const listener = ({ request: req }: { request: Request }) => {
      if (req.url.startsWith(FORGEJO_BASE))
        upstream.push(`${req.method} ${new URL(req.url).pathname}`);
    };
    server.events.on('request:start', listener);
    try {
      const res = await dispatch(app, {
        workflow: 'build.yml',
        ref: 'main',
        inputs: { environment: 'dev' },
      });
      expect(res.status).toBe(201);
    } finally {
      server.events.removeListener('request:start', listener);
    }
    expect(upstream).toEqual([
      `POST ${REPO_PATH}/actions/workflows/build.yml/dispatches`,
    ]);
  });
});
