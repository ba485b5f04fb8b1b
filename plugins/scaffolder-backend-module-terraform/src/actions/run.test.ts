import fs from 'node:fs';
import path from 'node:path';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  allowAll,
  runAction,
  SANDBOX_MODULES,
  STAND_IN,
  testConfig,
  workspaceWith,
} from '../__testUtils__/harness';

jest.setTimeout(120_000);

describe('edp:terraform:run against the terraform stand-in', () => {
  it('plans, applies with changes, plans again without changes, then destroys', async () => {
    const workspacePath = workspaceWith('hello');
    const infra = path.join(workspacePath, 'infra');
    const input = { workingDirectory: 'infra', variables: { name: 'demo' } };

    const plan = await runAction({
      workspacePath,
      input: { ...input, operation: 'plan' },
    });
    expect(plan.error).toBeUndefined();
    expect(plan.outputs.hasChanges).toBe(true);
    expect(plan.outputs.summary).toEqual({ add: 3, change: 0, destroy: 0 });
    expect(plan.log).toEqual(
      expect.arrayContaining([
        '+ create local_file.hello',
        '+ create random_pet.pet',
        'Plan: 3 to add, 0 to change, 0 to destroy.',
      ]),
    );
    expect(plan.outputs.plan.resource_changes).toHaveLength(3);
    expect(fs.existsSync(path.join(infra, 'out', 'hello-demo.txt'))).toBe(
      false,
    );

    const apply = await runAction({
      workspacePath,
      input: { ...input, operation: 'apply' },
    });
    expect(apply.error).toBeUndefined();
    expect(apply.outputs.summary).toEqual({ add: 3, change: 0, destroy: 0 });
    expect(apply.outputs.outputs).toMatchObject({
      greeting_file: 'out/hello-demo.txt',
      token: '(sensitive value)',
    });
    expect(apply.outputs.outputs.pet).toMatch(/^\w+-\w+$/);
    expect(
      fs.readFileSync(path.join(infra, 'out', 'hello-demo.txt'), 'utf8'),
    ).toContain(apply.outputs.outputs.pet);
    expect(
      apply.log.some(l => /local_file\.hello: Creation complete/.test(l)),
    ).toBe(true);
    expect(apply.log).toContain(
      'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
    );

    const again = await runAction({
      workspacePath,
      input: { ...input, operation: 'apply' },
    });
    expect(again.error).toBeUndefined();
    expect(again.outputs.hasChanges).toBe(false);
    expect(again.outputs.summary).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(again.log).toContain('No changes: nothing to apply.');
    expect(again.outputs.outputs.pet).toBe(apply.outputs.outputs.pet);

    const destroy = await runAction({
      workspacePath,
      input: { ...input, operation: 'destroy' },
    });
    expect(destroy.error).toBeUndefined();
    expect(destroy.outputs.summary).toEqual({ add: 0, change: 0, destroy: 3 });
    expect(destroy.log).toContain('- delete local_file.hello');
    expect(fs.existsSync(path.join(infra, 'out', 'hello-demo.txt'))).toBe(
      false,
    );
    expect(destroy.outputs.outputs).toEqual({});
  });

  it('only plans in a dry-run, even for apply, and asks only for the plan permission', async () => {
    const workspacePath = workspaceWith('hello');
    const permissions = allowAll();
    const run = await runAction({
      workspacePath,
      input: { workingDirectory: 'infra', operation: 'apply' },
      isDryRun: true,
      permissions,
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.hasChanges).toBe(true);
    expect(run.outputs.outputs).toEqual({});
    expect(
      permissions.authorize.mock.calls.map(([[r]]) => r.permission.name),
    ).toEqual(['terraform.run.plan']);
    expect(fs.existsSync(path.join(workspacePath, 'infra', 'out'))).toBe(false);
    expect(
      fs.existsSync(path.join(workspacePath, 'infra', 'terraform.tfstate')),
    ).toBe(false);
  });

  it('refuses a plan and a dry-run without the plan permission, before running anything (a plan runs provider code)', async () => {
    const workspacePath = workspaceWith('hello');
    for (const [operation, isDryRun] of [
      ['plan', false],
      ['apply', true],
      ['destroy', true],
    ] as const) {
      const permissions = allowAll(AuthorizeResult.DENY);
      const run = await runAction({
        workspacePath,
        input: { workingDirectory: 'infra', operation },
        isDryRun,
        permissions,
      });
      expect(run.error).toBeInstanceOf(NotAllowedError);
      expect(run.error?.message).toContain('terraform.run.plan');
      expect(run.log).toEqual([]);
      const [[requests, options]] = permissions.authorize.mock.calls;
      expect(requests[0].permission.name).toBe('terraform.run.plan');
      expect(options.credentials.principal).toBeDefined();
    }
  });

  it('refuses apply and destroy without the permission, before running anything', async () => {
    const workspacePath = workspaceWith('hello');
    // Plans are allowed; applying and destroying are not.
    const permissions = allowAll();
    permissions.authorize.mockImplementation(async (requests: any[]) =>
      requests.map(r => ({
        result:
          r.permission.name === 'terraform.run.plan'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    for (const operation of ['apply', 'destroy']) {
      const run = await runAction({
        workspacePath,
        input: { workingDirectory: 'infra', operation },
        permissions,
      });
      expect(run.error).toBeInstanceOf(NotAllowedError);
      expect(run.error?.message).toContain(`terraform.run.${operation}`);
      expect(run.log).toEqual([]);
    }
    const [, [requests, options]] = permissions.authorize.mock.calls;
    expect(requests[0].permission.name).toBe('terraform.run.apply');
    expect(options.credentials.principal).toBeDefined();
  });

  it('refuses to apply when the fresh plan differs from the approved one', async () => {
    const workspacePath = workspaceWith('hello');
    const plan = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'plan',
        variables: { name: 'a' },
      },
    });
    const changed = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { name: 'b' },
        approvedPlanDigest: plan.outputs.planDigest,
      },
    });
    expect(changed.error?.message).toMatch(
      /plan changed since it was approved/,
    );
    expect(fs.existsSync(path.join(workspacePath, 'infra', 'out'))).toBe(false);

    const same = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { name: 'a' },
        approvedPlanDigest: plan.outputs.planDigest,
      },
    });
    expect(same.error).toBeUndefined();
    expect(same.outputs.planDigest).toBe(plan.outputs.planDigest);
  });

  it('gives the same plan digest in a fresh workspace, so a plan approved in one task applies in the next', async () => {
    const input = {
      workingDirectory: 'infra',
      operation: 'plan',
      variables: { prefix: 'e2e', length: 2 },
    };
    const first = await runAction({
      workspacePath: workspaceWith('random-pet', SANDBOX_MODULES),
      input,
    });
    const second = await runAction({
      workspacePath: workspaceWith('random-pet', SANDBOX_MODULES),
      input: {
        ...input,
        operation: 'apply',
        approvedPlanDigest: first.outputs.planDigest,
      },
    });
    expect(second.error).toBeUndefined();
    expect(second.outputs.summary).toEqual({ add: 2, change: 0, destroy: 0 });
    expect(second.outputs.outputs.name).toMatch(/^e2e-[a-z]+-[a-z]+$/);
  });

  it('applies through a versioned checkpoint and does not apply again when the task is recovered', async () => {
    const workspacePath = workspaceWith('hello');
    const stored = new Map<string, unknown>();
    const checkpoint = async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<unknown>;
    }) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    };
    const input = { workingDirectory: 'infra', operation: 'apply' };
    const first = await runAction({ workspacePath, input, checkpoint });
    expect(first.error).toBeUndefined();
    expect([...stored.keys()]).toEqual([
      'edp.terraform:apply:v1:mock-task-id:infra:default',
    ]);

    // A recovered task: the checkpoint answers, so the plan (re-made) is not applied a second time.
    fs.rmSync(path.join(workspacePath, 'infra', 'out'), { recursive: true });
    const recovered = await runAction({ workspacePath, input, checkpoint });
    expect(recovered.error).toBeUndefined();
    expect(recovered.outputs.hasChanges).toBe(true);
    expect(recovered.outputs.summary).toEqual({
      add: 3,
      change: 0,
      destroy: 0,
    });
    expect(
      recovered.log.some(l =>
        /already completed in an earlier attempt/.test(l),
      ),
    ).toBe(true);
    expect(fs.existsSync(path.join(workspacePath, 'infra', 'out'))).toBe(false);
  });

  it('runs OpenTofu when the config says so', async () => {
    const run = await runAction({
      workspacePath: workspaceWith('hello'),
      input: { workingDirectory: 'infra', operation: 'plan' },
      config: testConfig({
        binary: STAND_IN.replace(/terraform$/, 'tofu'),
        flavor: 'tofu',
        requiredVersion: '~> 1.8',
      }),
    });
    expect(run.error).toBeUndefined();
    expect(run.log[0]).toBe('tofu 1.8.5: plan in infra');
    expect(run.outputs.summary).toEqual({ add: 3, change: 0, destroy: 0 });
  });
});
