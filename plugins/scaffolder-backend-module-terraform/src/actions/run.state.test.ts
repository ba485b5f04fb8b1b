import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { startTestSandbox } from '@edp/sandbox';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { TerraformRunConfig } from '@edp/plugin-terraform-node';
import { DatabaseApprovalLedger } from '../state/approvals';
import { DEFAULT_BACKEND_FILE } from '../state/stateBackend';
import {
  memoryApprovals,
  runAction,
  SANDBOX_MODULES,
  testConfig,
  workspaceWith,
} from '../__testUtils__/harness';

jest.setTimeout(240_000);

const TOKEN = 'sandbox-kube-token';
type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let config: TerraformRunConfig;

beforeAll(async () => {
  sandbox = await startTestSandbox(['kubernetes']);
  config = testConfig({
    stateBackend: {
      type: 'kubernetes',
      cluster: 'sandbox',
      url: sandbox.endpoints.kubernetes.api,
      token: TOKEN,
      skipTLSVerify: true,
      namespace: 'default',
    },
  });
});
afterAll(() => sandbox?.stop());

async function kube(pathname: string): Promise<any> {
  const res = await fetch(`${sandbox.endpoints.kubernetes.api}${pathname}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return res.status === 404 ? undefined : res.json();
}

/** The state Terraform keeps in the Secret, decoded. */
async function storedState(secretName: string) {
  const secret = await kube(`/api/v1/namespaces/default/secrets/${secretName}`);
  if (!secret) return undefined;
  return JSON.parse(
    zlib
      .gunzipSync(Buffer.from(secret.data.tfstate, 'base64'))
      .toString('utf8'),
  );
}

const leaseHolder = async (secretName: string) =>
  (
    await kube(
      `/apis/coordination.k8s.io/v1/namespaces/default/leases/lock-${secretName}`,
    )
  )?.spec?.holderIdentity;

/** One scaffolder task: a fresh workspace with the module, the portal's default backend. */
function task(
  module: string,
  input: Record<string, unknown>,
  extra: Partial<Parameters<typeof runAction>[0]> = {},
) {
  const from = module === 'stubborn' ? undefined : SANDBOX_MODULES;
  return runAction({
    workspacePath: workspaceWith(module, from),
    input: { workingDirectory: 'infra', ephemeralState: false, ...input },
    config,
    ...extra,
  });
}

describe('edp:terraform:run keeps the state outside the task', () => {
  it('apply, then a later task finds "No changes", then a third task destroys everything', async () => {
    const vars = { prefix: 'keep', length: 2 };
    const first = await task('random-pet', {
      operation: 'apply',
      stateKey: 'pets-a',
      variables: vars,
    });
    expect(first.error).toBeUndefined();
    expect(first.outputs.summary).toEqual({ add: 2, change: 0, destroy: 0 });
    expect(first.outputs.stateLocation).toBe(
      'kubernetes:sandbox/default/tfstate-default-pets-a',
    );
    expect(first.log).toContain(
      'State: kubernetes:sandbox/default/tfstate-default-pets-a',
    );
    expect(first.log.join('\n')).not.toContain(TOKEN);
    const state = await storedState('tfstate-default-pets-a');
    expect(state.resources).toHaveLength(2);

    const again = await task('random-pet', {
      operation: 'apply',
      stateKey: 'pets-a',
      variables: vars,
    });
    expect(again.error).toBeUndefined();
    expect(again.outputs.hasChanges).toBe(false);
    expect(again.log).toContain('No changes: nothing to apply.');
    expect(again.outputs.outputs.name).toBe(first.outputs.outputs.name);

    const destroy = await task('random-pet', {
      operation: 'destroy',
      stateKey: 'pets-a',
      variables: vars,
    });
    expect(destroy.error).toBeUndefined();
    expect(destroy.outputs.summary).toEqual({ add: 0, change: 0, destroy: 2 });
    expect((await storedState('tfstate-default-pets-a')).resources).toEqual([]);
    expect(await leaseHolder('tfstate-default-pets-a')).toBeUndefined();

    // Each run is recorded beside the state (the Terraform card's "last runs"), newest first,
    // with the variables of the last successful apply for the drift check.
    const record = JSON.parse(
      (
        await kube(
          '/api/v1/namespaces/default/configmaps/tfruns-default-pets-a',
        )
      ).data['record.json'],
    );
    expect(
      record.runs.map((r: any) => [r.operation, r.result, r.summary]),
    ).toEqual([
      ['destroy', 'succeeded', { add: 0, change: 0, destroy: 2 }],
      ['apply', 'succeeded', { add: 0, change: 0, destroy: 0 }],
      ['apply', 'succeeded', { add: 2, change: 0, destroy: 0 }],
    ]);
    expect(record.runs[0]).toMatchObject({
      taskId: expect.any(String),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(record.variables).toEqual(vars);
  });

  it('refuses to apply a state that would die with the task, before running anything', async () => {
    const noDefault = await runAction({
      workspacePath: workspaceWith('random-pet', SANDBOX_MODULES),
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        ephemeralState: false,
      },
    });
    expect(noDefault.error).toBeInstanceOf(InputError);
    expect(noDefault.error?.message).toMatch(
      /^apply refused: the state would live in the task workspace.*edp\.terraform\.stateBackend.*ephemeralState: true/,
    );
    expect(noDefault.log).toEqual([]);

    // A module that declares the local backend itself is refused after init, before the plan.
    const workspacePath = workspaceWith('random-pet', SANDBOX_MODULES);
    fs.writeFileSync(
      path.join(workspacePath, 'infra', 'backend.tf'),
      'terraform {\n  backend "local" {}\n}\n',
    );
    const declared = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        ephemeralState: false,
      },
      config,
    });
    expect(declared.error).toBeInstanceOf(InputError);
    expect(declared.log.some(l => /Plan:/.test(l))).toBe(false);
    expect(
      fs.existsSync(path.join(workspacePath, 'infra', DEFAULT_BACKEND_FILE)),
    ).toBe(false);

    // The template may accept a throw-away state explicitly.
    const ephemeral = await runAction({
      workspacePath: workspaceWith('random-pet', SANDBOX_MODULES),
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        ephemeralState: true,
      },
      config,
    });
    expect(ephemeral.error).toBeUndefined();
    expect(ephemeral.outputs.stateLocation).toBe('ephemeral');
  });

  it('two concurrent applies on one state: the second fails naming the lock holder', async () => {
    const input = {
      operation: 'apply',
      stateKey: 'slow-shared',
      variables: { sleep_seconds: 40 },
    };
    const controller = new AbortController();
    const first = task('slow-and-failing', input, {
      signal: controller.signal,
    });
    const deadline = Date.now() + 90_000;
    while (!(await leaseHolder('tfstate-default-slow-shared'))) {
      if (Date.now() > deadline) throw new Error('first apply never locked');
      await new Promise(r => setTimeout(r, 200));
    }
    // Wait until the first run holds the lock for its apply (plan and apply lock separately).
    while (
      !JSON.parse(
        (
          await kube(
            '/apis/coordination.k8s.io/v1/namespaces/default/leases/lock-tfstate-default-slow-shared',
          )
        )?.metadata?.annotations?.['app.terraform.io/lock-info'] ?? '{}',
      ).Operation?.includes('Apply')
    ) {
      if (Date.now() > deadline) throw new Error('first apply never applied');
      await new Promise(r => setTimeout(r, 200));
    }
    const second = await task('slow-and-failing', input);
    expect(second.error?.message).toMatch(
      /could not lock the state: the state is locked by \S+@\S+ for OperationTypeApply since .* \(lock ID [0-9a-f-]{36}\)/,
    );
    controller.abort();
    const stopped = await first;
    expect(stopped.error?.message).toMatch(/cancelled/);
    expect(await leaseHolder('tfstate-default-slow-shared')).toBeUndefined();
  });

  it('refuses a plan that went stale because another task changed the state in between', async () => {
    let interleaved: Awaited<ReturnType<typeof task>> | undefined;
    const stale = await task(
      'random-pet',
      { operation: 'apply', stateKey: 'stale', variables: { prefix: 'one' } },
      {
        // Between this task's plan and its apply, another task applies to the same state.
        checkpoint: async ({ fn }) => {
          interleaved = await task('random-pet', {
            operation: 'apply',
            stateKey: 'stale',
            variables: { prefix: 'two' },
          });
          return fn();
        },
      },
    );
    expect(interleaved?.error).toBeUndefined();
    expect(stale.error?.message).toBe(
      'The state changed since this plan was made (another run changed it in between); nothing was applied. Plan again and approve the new plan.',
    );
    const names = (await storedState('tfstate-default-stale')).outputs.name
      .value;
    expect(names).toMatch(/^two-/);
  });

  it('kills an apply that ignores the interrupt and releases the Lease it left', async () => {
    const controller = new AbortController();
    const running = task(
      'stubborn',
      { operation: 'apply', stateKey: 'stubborn' },
      {
        signal: controller.signal,
        config: { ...config, cancelGracePeriodMs: 1_000 },
      },
    );
    const deadline = Date.now() + 90_000;
    while (
      !(await storedState('tfstate-default-stubborn'))?.resources?.length
    ) {
      if (Date.now() > deadline) throw new Error('apply never started');
      await new Promise(r => setTimeout(r, 200));
    }
    const holder = await leaseHolder('tfstate-default-stubborn');
    expect(holder).toEqual(expect.any(String));
    controller.abort();
    const run = await running;
    expect(run.log.join('\n')).toContain('was killed (SIGKILL)');
    expect(run.log).toContain(
      `Released the state lock ${holder} that the killed run left behind.`,
    );
    expect(await leaseHolder('tfstate-default-stubborn')).toBeUndefined();
  });
});

describe('edp:terraform:run approvals', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('applies an approved plan digest once; the same approval in a later task is refused', async () => {
    const knex = await databases.init('SQLITE_3');
    const approvals = new DatabaseApprovalLedger(
      mockServices.database({ knex }),
    );
    const input = {
      stateKey: 'approved',
      variables: { prefix: 'ok', length: 2 },
    };
    const plan = await task(
      'random-pet',
      { ...input, operation: 'plan' },
      { approvals, taskId: 'task-plan' },
    );
    const digest = plan.outputs.planDigest;
    const apply = await task(
      'random-pet',
      { ...input, operation: 'apply', approvedPlanDigest: digest },
      { approvals, taskId: 'task-apply' },
    );
    expect(apply.error).toBeUndefined();
    expect(apply.outputs.summary.add).toBe(2);

    // Destroyed again, the same plan (and so the same digest) would apply again: the approval is spent.
    const destroy = await task(
      'random-pet',
      { ...input, operation: 'destroy' },
      { approvals: memoryApprovals(), taskId: 'task-destroy' },
    );
    expect(destroy.error).toBeUndefined();
    const reuse = await task(
      'random-pet',
      { ...input, operation: 'apply', approvedPlanDigest: digest },
      { approvals, taskId: 'task-reuse' },
    );
    expect(reuse.outputs.planDigest).toBe(digest);
    expect(reuse.error?.message).toMatch(
      new RegExp(
        `^The approved plan digest ${digest} was already used by task task-apply at .*; an approval applies once\\. Nothing was applied`,
      ),
    );
    expect((await storedState('tfstate-default-approved')).resources).toEqual(
      [],
    );
  });
});
