import fs from 'node:fs';
import path from 'node:path';
import { runAction, testConfig, workspaceWith } from '../__testUtils__/harness';

jest.setTimeout(120_000);

describe('edp:terraform:run failures', () => {
  it('fails the step when a resource fails mid-apply, says what was applied and keeps the state', async () => {
    const workspacePath = workspaceWith('failing');
    const run = await runAction({
      workspacePath,
      input: { workingDirectory: 'infra', operation: 'apply' },
    });
    expect(run.error?.message).toMatch(
      /Apply stopped after 2 of 3 planned changes/,
    );
    expect(run.error?.message).toContain('local_file.first');
    expect(run.error?.message).toContain('random_pet.second');
    expect(run.error?.message).toContain('failed: sandbox_fail.third');
    expect(run.outputs.summary).toEqual({ add: 2, change: 0, destroy: 0 });
    expect(
      run.entries.some(
        e =>
          e.level === 'error' &&
          /Error: Failed to create sandbox_fail/.test(e.message),
      ),
    ).toBe(true);

    const state = JSON.parse(
      fs.readFileSync(
        path.join(workspacePath, 'infra', 'terraform.tfstate'),
        'utf8',
      ),
    );
    const kept = state.resources.map((r: any) => `${r.type}.${r.name}`).sort();
    expect(kept).toEqual(['local_file.first', 'random_pet.second']);

    // The next run only has the failed resource left to create.
    const retry = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { fail: false },
      },
    });
    expect(retry.error).toBeUndefined();
    expect(retry.outputs.summary).toEqual({ add: 1, change: 0, destroy: 0 });
  });

  it('shows an HCL error with file and line', async () => {
    const workspacePath = workspaceWith('broken');
    const run = await runAction({
      workspacePath,
      input: { workingDirectory: 'infra', operation: 'plan' },
    });
    expect(run.error?.message).toMatch(/main\.tf:8/);
    const line = run.entries.find(
      e => e.level === 'error' && e.message.includes('main.tf:8'),
    );
    expect(line?.message).toMatch(/^Error: .*\(main\.tf:8\)/);
  });

  it('names edp.terraform.binary when the binary is missing or not configured', async () => {
    const workspacePath = workspaceWith('hello');
    const input = { workingDirectory: 'infra', operation: 'plan' };
    const missing = await runAction({
      workspacePath,
      input,
      config: testConfig({ binary: '/nonexistent/terraform' }),
    });
    expect(missing.error?.message).toContain('edp.terraform.binary');
    expect(missing.error?.message).toContain('/nonexistent/terraform');
    const unset = await runAction({
      workspacePath,
      input,
      config: testConfig({ binary: undefined }),
    });
    expect(unset.error?.message).toMatch(/set edp\.terraform\.binary/);
  });

  it('names edp.terraform.requiredVersion when the version does not match', async () => {
    const run = await runAction({
      workspacePath: workspaceWith('hello'),
      input: { workingDirectory: 'infra', operation: 'plan' },
      config: testConfig({ requiredVersion: '>= 9.0' }),
    });
    expect(run.error?.message).toMatch(
      /does not satisfy edp\.terraform\.requiredVersion ">= 9\.0"/,
    );
  });

  it('refuses a working directory outside the workspace before running anything', async () => {
    const run = await runAction({
      workspacePath: workspaceWith('hello'),
      input: { workingDirectory: '../../', operation: 'plan' },
    });
    expect(run.error?.name).toBe('InputError');
    expect(run.error?.message).toContain('workingDirectory');
    expect(run.log).toEqual([]);
  });

  it('refuses an unknown operation and a bad variable name with InputError', async () => {
    const workspacePath = workspaceWith('hello');
    const bad = await runAction({
      workspacePath,
      input: { workingDirectory: 'infra', operation: 'import' },
    });
    expect(bad.error?.name).toBe('InputError');
    expect(bad.error?.message).toContain('operation');
    const name = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'plan',
        variables: { '1x': 'y' },
      },
    });
    expect(name.error?.name).toBe('InputError');
    expect(name.error?.message).toContain('variables.1x');
  });
});
