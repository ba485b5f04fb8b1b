import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';
import { missingRequiredInput } from './routes/dispatch';

jest.setTimeout(60_000);

const DISPATCH =
  '/repos/platform/web-shop/actions/workflows/build.yml/dispatches';

describe('Forgejo stand-in: workflow_dispatch', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    call = forgejoClient(sandbox.endpoints.forgejo.api);
  });
  afterAll(() => sandbox.stop());

  it('starts a run of the workflow that the runs list shows, and which then succeeds', async () => {
    const before = await call('GET', '/repos/platform/web-shop/actions/runs');
    const res = await call('POST', DISPATCH, {
      body: {
        ref: 'main',
        inputs: { environment: 'staging' },
        return_run_info: true,
      },
    });
    expect(res.status).toBe(201);
    expect(
      specErrors(
        'post',
        '/repos/{owner}/{repo}/actions/workflows/{workflowname}/dispatches',
        res.status,
        res.body,
      ),
    ).toEqual([]);
    const runs = await call('GET', '/repos/platform/web-shop/actions/runs');
    expect(runs.body.total_count).toBe(before.body.total_count + 1);
    const newest = runs.body.workflow_runs[0];
    expect(newest).toMatchObject({
      id: res.body.id,
      run_number: res.body.run_number,
      event: 'workflow_dispatch',
      status: 'waiting',
      prettyref: 'main',
    });
    await new Promise(r => setTimeout(r, 3500));
    const later = await call(
      'GET',
      `/repos/platform/web-shop/actions/runs/${res.body.id}`,
    );
    expect(later.body.status).toBe('success');
  });

  it('answers 204 without run info, as Forgejo does by default', async () => {
    const res = await call('POST', DISPATCH, {
      body: { ref: 'main', inputs: { environment: 'dev' } },
    });
    expect(res.status).toBe(204);
  });

  it('refuses a missing required input, an unknown workflow, a missing ref and anonymous callers', async () => {
    expect(
      (await call('POST', DISPATCH, { body: { ref: 'main', inputs: {} } }))
        .status,
    ).toBe(204); // environment has a default
    expect(
      (
        await call('POST', DISPATCH, {
          body: { ref: 'main', inputs: { environment: '' } },
        })
      ).status,
    ).toBe(204); // an empty value takes the default, as in Forgejo
    const noRef = await call('POST', DISPATCH, { body: {} });
    expect(noRef.status).toBe(400);
    expect(noRef.body.message).toBe('ref is empty');
    const unknown = await call(
      'POST',
      '/repos/platform/web-shop/actions/workflows/nope.yml/dispatches',
      { body: { ref: 'main' } },
    );
    expect(unknown.status).toBe(404);
    const anonymous = await call('POST', DISPATCH, {
      auth: null,
      body: { ref: 'main' },
    });
    expect(anonymous.status).not.toBe(204);
  });

  it('refuses workflows without a workflow_dispatch trigger', async () => {
    const res = await call(
      'POST',
      '/repos/platform/payments-api/actions/workflows/ci.yml/dispatches',
      { body: { ref: 'main' } },
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'workflow is not configured for workflow_dispatch',
    );
  });

  it('names a missing required input as Forgejo does: its description, else its key', () => {
    const inputs = {
      environment: { description: 'Where to deploy', required: true },
      notes: { required: true },
      optional: { required: false },
      defaulted: { required: true, default: 'dev' },
    };
    expect(missingRequiredInput(inputs, { notes: 'x' })).toBe(
      'Where to deploy',
    );
    expect(missingRequiredInput(inputs, { environment: 'dev' })).toBe('notes');
    expect(
      missingRequiredInput(inputs, { environment: 'dev', notes: '' }),
    ).toBe('notes');
    expect(
      missingRequiredInput(inputs, { environment: 'dev', notes: 'x' }),
    ).toBeUndefined();
  });
});
