import fs from 'node:fs';
import path from 'node:path';
import { makeWorkdir, runTerraform, removeWorkdirs } from './testUtils';

jest.setTimeout(60_000);
afterAll(removeWorkdirs);

const SECRET = 'sk-test-4242-never-print-me';

const resourceShape = (
  addr: string,
  type: string,
  name: string,
  key: number | string | null,
  provider: string,
) => ({
  addr,
  module: '',
  resource: addr,
  implied_provider: provider,
  resource_type: type,
  resource_name: name,
  resource_key: key,
});

describe('terraform stand-in: -json output', () => {
  it('streams one Terraform UI message per line, version first, with the real shapes', async () => {
    const dir = makeWorkdir('slow-and-failing');
    expect((await runTerraform(['init', '-json'], { cwd: dir })).code).toBe(0);
    const run = await runTerraform(
      ['apply', '-auto-approve', '-json', '-var', 'sleep_seconds=1'],
      {
        cwd: dir,
        env: { TF_VAR_api_token: SECRET },
      },
    );
    expect(run.code).toBe(0);
    expect(run.lines.length).toBe(run.stdout.trim().split('\n').length);
    for (const line of run.lines) {
      expect(line).toEqual(
        expect.objectContaining({
          '@level': expect.stringMatching(/^(info|warn|error)$/),
          '@message': expect.any(String),
          '@module': 'terraform.ui',
          '@timestamp': expect.stringMatching(
            /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/,
          ),
          type: expect.any(String),
        }),
      );
    }
    expect(run.lines[0]).toMatchObject({
      type: 'version',
      terraform: expect.any(String),
      ui: '1.2',
      '@message': expect.stringMatching(/^Terraform /),
    });

    const planned = run.lines.filter(l => l.type === 'planned_change');
    expect(planned.map(l => l.change)).toContainEqual({
      resource: resourceShape(
        'time_sleep.wait',
        'time_sleep',
        'wait',
        null,
        'time',
      ),
      action: 'create',
    });
    expect(run.lines.find(l => l.type === 'change_summary')).toMatchObject({
      '@message': 'Plan: 3 to add, 0 to change, 0 to destroy.',
      changes: { add: 3, change: 0, remove: 0, import: 0, operation: 'plan' },
    });
    const types = run.lines.map(l => l.type);
    expect(types.indexOf('apply_start')).toBeGreaterThan(
      types.indexOf('change_summary'),
    );
    const complete = run.lines.find(
      l =>
        l.type === 'apply_complete' &&
        l.hook.resource.addr === 'local_file.marker',
    );
    expect(complete.hook).toEqual({
      resource: resourceShape(
        'local_file.marker',
        'local_file',
        'marker',
        null,
        'local',
      ),
      action: 'create',
      id_key: 'id',
      id_value: expect.stringMatching(/^[0-9a-f]{40}$/),
      elapsed_seconds: 0,
    });
    expect(complete['@message']).toMatch(
      /^local_file\.marker: Creation complete after 0s \[id=[0-9a-f]{40}\]$/,
    );
    expect(
      run.lines.filter(l => l.type === 'change_summary').pop(),
    ).toMatchObject({
      '@message': 'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
      changes: { add: 3, change: 0, remove: 0, import: 0, operation: 'apply' },
    });
    const outputs = run.lines.filter(l => l.type === 'outputs').pop();
    expect(outputs.outputs.marker).toEqual({
      sensitive: false,
      type: 'string',
      value: 'marker.txt',
    });
    // The JSON stream never carries sensitive values; `output -json` does.
    expect(outputs.outputs.token_digest).toEqual({
      sensitive: true,
      type: 'string',
    });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    const outputJson = JSON.parse(
      (await runTerraform(['output', '-json'], { cwd: dir })).stdout,
    );
    expect(outputJson.token_digest).toMatchObject({
      sensitive: true,
      value: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const human = await runTerraform(['output'], { cwd: dir });
    expect(human.stdout).toContain('token_digest = <sensitive>');
  });

  it('reports progress of a slow resource with elapsed seconds', async () => {
    const dir = makeWorkdir('slow-and-failing');
    await runTerraform(['init'], { cwd: dir });
    const run = await runTerraform(
      ['apply', '-auto-approve', '-json', '-var=sleep_seconds=3'],
      {
        cwd: dir,
        env: { SANDBOX_TF_PROGRESS_INTERVAL: '1' },
      },
    );
    const progress = run.lines.filter(l => l.type === 'apply_progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({
      '@message': 'time_sleep.wait: Still creating... [1s elapsed]',
      hook: {
        action: 'create',
        elapsed_seconds: 1,
        resource: { addr: 'time_sleep.wait' },
      },
    });
  });

  it('fails mid-apply with apply_errored and keeps what was applied in state', async () => {
    const dir = makeWorkdir('slow-and-failing');
    await runTerraform(['init'], { cwd: dir });
    const run = await runTerraform(
      [
        'apply',
        '-auto-approve',
        '-json',
        '-var=sleep_seconds=0',
        '-var=fail=true',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.lines.find(l => l.type === 'apply_errored')).toMatchObject({
      '@level': 'error',
      '@message': 'sandbox_fail.last: Creation errored after 0s',
      hook: {
        action: 'create',
        elapsed_seconds: 0,
        resource: { addr: 'sandbox_fail.last' },
      },
    });
    const diag = run.lines.find(l => l.type === 'diagnostic').diagnostic;
    expect(diag).toMatchObject({
      severity: 'error',
      summary: 'Failed to create sandbox_fail',
      address: 'sandbox_fail.last',
      range: { filename: 'main.tf', start: { line: 31 } },
    });
    expect(
      run.lines.some(
        l => l.type === 'change_summary' && l.changes.operation === 'apply',
      ),
    ).toBe(false);
    const state = JSON.parse(
      fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'),
    );
    expect(
      state.resources.map((r: any) => `${r.type}.${r.name}`).sort(),
    ).toEqual(['local_file.marker', 'time_sleep.wait']);
    expect(state.outputs.marker.value).toBe('marker.txt');
    expect(fs.existsSync(path.join(dir, '.terraform.tfstate.lock.info'))).toBe(
      false,
    );
  });

  it('reports an HCL syntax error and an unknown resource type with file and line', async () => {
    const broken = makeWorkdir({
      'main.tf': 'resource "local_file" "a" {\n  filename = "a.txt"\n}\n',
      'broken.tf': 'output "x" {\n  value = \n}\n',
    });
    const syntax = await runTerraform(['init', '-json'], { cwd: broken });
    expect(syntax.code).toBe(1);
    const diag = syntax.lines.find(l => l.type === 'diagnostic').diagnostic;
    expect(diag).toMatchObject({
      severity: 'error',
      range: { filename: 'broken.tf', start: { line: 2 } },
    });
    expect(diag.summary).toMatch(/expression/i);

    const unknown = makeWorkdir({
      'main.tf': '\n\nresource "aws_instance" "web" {\n  ami = "x"\n}\n',
    });
    const plan = await runTerraform(['validate', '-json'], { cwd: unknown });
    expect(plan.code).toBe(1);
    const result = JSON.parse(plan.stdout);
    expect(result).toMatchObject({ valid: false, error_count: 1 });
    expect(result.diagnostics[0]).toMatchObject({
      summary: 'Invalid resource type',
      detail: expect.stringContaining('"aws_instance"'),
      range: { filename: 'main.tf', start: { line: 3, column: 1 } },
    });
    const human = await runTerraform(['init'], { cwd: unknown });
    expect(human.code).toBe(0);
    const humanPlan = await runTerraform(['plan'], { cwd: unknown });
    expect(humanPlan.code).toBe(1);
    expect(humanPlan.stderr).toContain('Error: Invalid resource type');
    expect(humanPlan.stderr).toContain('on main.tf line 3');
  });
});
