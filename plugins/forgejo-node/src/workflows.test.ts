import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ForgejoClient } from './ForgejoClient';
import { isForgejoError } from './errors';
import { parseDispatchableWorkflow } from './workflows';

const BASE = 'http://forgejo.test';
const REPO_PATH = '/api/v1/repos/platform/web-shop';
const REPO = `${BASE}${REPO_PATH}`;
const ref = { host: 'forgejo.test', owner: 'platform', repo: 'web-shop' };

const client = () =>
  ForgejoClient.fromConfig(
    new ConfigReader({
      integrations: {
        gitea: [{ host: 'forgejo.test', baseUrl: BASE, password: 'tok' }],
      },
    }),
    { requestTimeoutMs: 500 },
  );

const BUILD = `name: Build
on:
  push:
  workflow_dispatch:
    inputs:
      environment:
        description: Where to deploy
        required: true
        default: dev
        type: choice
        options: [dev, staging]
      dry_run:
        type: boolean
        default: false
      notes:
        required: false
jobs:
  build:
    runs-on: docker
`;

const file = (path: string, text: string) => ({
  name: path.split('/').pop(),
  path,
  type: 'file',
  encoding: 'base64',
  content: Buffer.from(text).toString('base64'),
});

describe('parseDispatchableWorkflow', () => {
  it('reads the inputs as Forgejo passes them on: strings, booleans as "true"/"false"', () => {
    expect(
      parseDispatchableWorkflow('.forgejo/workflows/build.yml', BUILD),
    ).toEqual({
      id: 'build.yml',
      name: 'Build',
      path: '.forgejo/workflows/build.yml',
      inputs: [
        {
          name: 'environment',
          description: 'Where to deploy',
          type: 'choice',
          required: true,
          default: 'dev',
          options: ['dev', 'staging'],
        },
        {
          name: 'dry_run',
          type: 'boolean',
          required: false,
          default: 'false',
          description: undefined,
        },
        {
          name: 'notes',
          type: 'string',
          required: false,
          default: undefined,
          description: undefined,
        },
      ],
    });
  });

  it.each([
    ['on: workflow_dispatch', true],
    ['on: [push, workflow_dispatch]', true],
    ['on:\n  workflow_dispatch:', true],
    ['on: push', false],
    ['on:\n  push:\n    branches: [main]', false],
  ])('%j is dispatchable: %s', (on, dispatchable) => {
    const workflow = parseDispatchableWorkflow(
      '.forgejo/workflows/x.yaml',
      `${on}\njobs: {}\n`,
    );
    // Without a `name`, Forgejo names the workflow (and its runs) by its path.
    expect(workflow?.name).toBe(
      dispatchable ? '.forgejo/workflows/x.yaml' : undefined,
    );
  });

  it('refuses a file that is not a YAML mapping', () => {
    expect(() =>
      parseDispatchableWorkflow('a.yml', '- just\n- a list'),
    ).toThrow('a.yml is not a YAML mapping');
  });
});

describe('ForgejoClient workflows', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists the dispatchable workflows of the first workflow folder Forgejo reads, at the ref', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${REPO}/contents/*`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(
          `${url.pathname.replace(REPO_PATH, '')}@${url.searchParams.get(
            'ref',
          )}`,
        );
        const path = decodeURIComponent(
          url.pathname.replace(`${REPO_PATH}/contents/`, ''),
        );
        if (path === '.forgejo/workflows')
          return HttpResponse.json({ message: 'not found' }, { status: 404 });
        if (path === '.gitea/workflows')
          return HttpResponse.json([
            {
              name: 'build.yml',
              path: '.gitea/workflows/build.yml',
              type: 'file',
            },
            { name: 'ci.yaml', path: '.gitea/workflows/ci.yaml', type: 'file' },
            {
              name: 'broken.yml',
              path: '.gitea/workflows/broken.yml',
              type: 'file',
            },
            {
              name: 'README.md',
              path: '.gitea/workflows/README.md',
              type: 'file',
            },
          ]);
        if (path === '.gitea/workflows/build.yml')
          return HttpResponse.json(file(path, BUILD));
        if (path === '.gitea/workflows/ci.yaml')
          return HttpResponse.json(file(path, 'on: push\njobs: {}\n'));
        if (path === '.gitea/workflows/broken.yml')
          return HttpResponse.json(file(path, 'just text'));
        return HttpResponse.json({ message: 'unexpected' }, { status: 500 });
      }),
    );
    const result = await client().listDispatchableWorkflows(ref, 'release/2');
    expect(result.directory).toBe('.gitea/workflows');
    expect(result.workflows.map(w => w.id)).toEqual(['build.yml']);
    expect(result.unreadable).toEqual([
      {
        path: '.gitea/workflows/broken.yml',
        message: '.gitea/workflows/broken.yml is not a YAML mapping',
      },
    ]);
    expect(asked).toContain('/contents/.forgejo/workflows@release/2');
    expect(asked).toContain('/contents/.gitea/workflows/build.yml@release/2');
    expect(asked).not.toContain('/contents/.github/workflows@release/2');
    expect(asked.some(a => a.includes('README'))).toBe(false);
  });

  it('has no workflows when no workflow folder exists', async () => {
    server.use(
      http.get(`${REPO}/contents/*`, () =>
        HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
    );
    await expect(
      client().listDispatchableWorkflows(ref, 'main'),
    ).resolves.toEqual({ workflows: [], unreadable: [] });
  });

  it('posts the dispatch with ref, inputs and return_run_info, and reads the new run', async () => {
    let body: unknown;
    let auth: string | null = null;
    server.use(
      http.post(
        `${REPO}/actions/workflows/build.yml/dispatches`,
        async ({ request }) => {
          body = await request.json();
          auth = request.headers.get('authorization');
          return HttpResponse.json(
            { id: 41, run_number: 7, jobs: ['build'] },
            { status: 201 },
          );
        },
      ),
    );
    await expect(
      client().dispatchWorkflow(ref, 'build.yml', {
        ref: 'main',
        inputs: { environment: 'staging' },
      }),
    ).resolves.toEqual({ runId: 41, runNumber: 7, jobs: ['build'] });
    expect(body).toEqual({
      ref: 'main',
      inputs: { environment: 'staging' },
      return_run_info: true,
    });
    expect(auth).toBe('token tok');
  });

  it('accepts the 204 of servers that do not return run info', async () => {
    server.use(
      http.post(
        `${REPO}/actions/workflows/build.yml/dispatches`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await expect(
      client().dispatchWorkflow(ref, 'build.yml', { ref: 'main' }),
    ).resolves.toEqual({
      runId: undefined,
      runNumber: undefined,
      jobs: undefined,
    });
  });

  it("passes Forgejo's refusal on through the error contract, with Forgejo's words", async () => {
    server.use(
      http.post(`${REPO}/actions/workflows/build.yml/dispatches`, () =>
        HttpResponse.json(
          { message: "input required for 'Where to deploy'", url: BASE },
          { status: 400 },
        ),
      ),
    );
    const error = await client()
      .dispatchWorkflow(ref, 'build.yml', { ref: 'main' })
      .catch(e => e);
    expect(isForgejoError(error)).toBe(true);
    expect(error.upstreamStatus).toBe(400);
    expect(error.message).toContain(
      "Forgejo said: input required for 'Where to deploy'",
    );
  });
});
