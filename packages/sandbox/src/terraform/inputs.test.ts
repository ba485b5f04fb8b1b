import fs from 'node:fs';
import path from 'node:path';
import {
  makeWorkdir,
  MODULES_DIR,
  readJson,
  runTerraform,
  removeWorkdirs,
} from './testUtils';

jest.setTimeout(60_000);
afterAll(removeWorkdirs);

const VARS_TF = `
variable "names" {
  type = list(string)
}
variable "labels" {
  type    = map(string)
  default = {}
}
variable "replicas" {
  type    = number
  default = 1
  validation {
    condition     = var.replicas >= 1 && var.replicas <= 5
    error_message = "replicas must be between 1 and 5."
  }
}
variable "settings" {
  type = object({
    region = string
    debug  = optional(bool, false)
  })
  default = { region = "eu" }
}
locals {
  summary = format("%s:%d:%s", join(",", var.names), var.replicas, var.settings.region)
}
resource "local_file" "summary" {
  filename = "summary.txt"
  content  = jsonencode({ summary = local.summary, labels = var.labels, debug = var.settings.debug, count = length(var.names) })
}
output "summary" {
  value = local.summary
}
`;

async function initAndApply(
  dir: string,
  env: Record<string, string>,
  args: string[] = [],
) {
  expect(
    (await runTerraform(['init', '-input=false'], { cwd: dir, env })).code,
  ).toBe(0);
  return runTerraform(
    ['apply', '-auto-approve', '-input=false', '-json', ...args],
    { cwd: dir, env },
  );
}

describe('terraform stand-in: variables and environment', () => {
  it('reads TF_VAR_ values, parsing complex ones as HCL or JSON', async () => {
    const dir = makeWorkdir({ 'main.tf': VARS_TF });
    const run = await initAndApply(dir, {
      TF_VAR_names: '["api", "web"]',
      TF_VAR_labels: '{ team = "payments", tier = "gold" }',
      TF_VAR_replicas: '3',
      TF_VAR_settings: '{"region": "us", "debug": true}',
    });
    expect(run.code).toBe(0);
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, 'summary.txt'), 'utf8')),
    ).toEqual({
      summary: 'api,web:3:us',
      labels: { team: 'payments', tier: 'gold' },
      debug: true,
      count: 2,
    });
  });

  it('lets -var and -var-file override TF_VAR_, in command-line order', async () => {
    const dir = makeWorkdir({
      'main.tf': VARS_TF,
      'extra.tfvars': 'replicas = 4\nnames = ["from-file"]\n',
    });
    const run = await initAndApply(
      dir,
      { TF_VAR_names: '["env"]', TF_VAR_replicas: '2' },
      ['-var-file=extra.tfvars', '-var=replicas=5'],
    );
    expect(run.code).toBe(0);
    expect(
      run.lines.filter(l => l.type === 'outputs').pop().outputs.summary.value,
    ).toBe('from-file:5:eu');
  });

  it('prepends TF_CLI_ARGS and TF_CLI_ARGS_<command> to the arguments', async () => {
    const dir = makeWorkdir({ 'main.tf': VARS_TF });
    const env = {
      TF_CLI_ARGS: '-input=false',
      TF_CLI_ARGS_plan:
        '-var=\'names=["cli", "args"]\' -detailed-exitcode -json',
    };
    await runTerraform(['init'], { cwd: dir, env });
    const plan = await runTerraform(['plan'], { cwd: dir, env });
    expect(plan.code).toBe(2);
    expect(plan.lines[0].type).toBe('version');
    expect(plan.lines.find(l => l.type === 'outputs').outputs.summary).toEqual({
      sensitive: false,
      action: 'create',
    });
  });

  it('explains a missing, invalid or undeclared variable with a diagnostic', async () => {
    const dir = makeWorkdir({ 'main.tf': VARS_TF });
    await runTerraform(['init'], { cwd: dir });
    const missing = await runTerraform(['plan', '-json', '-input=false'], {
      cwd: dir,
    });
    expect(missing.code).toBe(1);
    expect(
      missing.lines.find(l => l.type === 'diagnostic').diagnostic,
    ).toMatchObject({
      summary: 'No value for required variable',
      range: { filename: 'main.tf', start: { line: 2 } },
    });
    const invalid = await runTerraform(
      ['plan', '-json', '-var=names=["a"]', '-var=replicas=9'],
      { cwd: dir },
    );
    expect(
      invalid.lines.find(l => l.type === 'diagnostic').diagnostic,
    ).toMatchObject({
      summary: 'Invalid value for variable',
      detail: expect.stringContaining('replicas must be between 1 and 5.'),
    });
    const wrongType = await runTerraform(['plan', '-json'], {
      cwd: dir,
      env: { TF_VAR_names: '["a"]', TF_VAR_replicas: 'many' },
    });
    expect(
      wrongType.lines.find(l => l.type === 'diagnostic').diagnostic.detail,
    ).toContain('TF_VAR_replicas');
    const undeclared = await runTerraform(
      ['plan', '-json', '-var=names=["a"]', '-var=nope=1'],
      { cwd: dir },
    );
    expect(
      undeclared.lines.find(l => l.type === 'diagnostic').diagnostic.summary,
    ).toBe('Value for undeclared variable');
  });

  it('refuses a local_file outside the working directory', async () => {
    const dir = makeWorkdir({
      'main.tf':
        'resource "local_file" "escape" {\n  filename = "../outside.txt"\n  content  = "x"\n}\n',
    });
    await runTerraform(['init'], { cwd: dir });
    const plan = await runTerraform(['plan', '-json'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(
      plan.lines.find(l => l.type === 'diagnostic').diagnostic,
    ).toMatchObject({
      summary: 'Invalid argument value',
      detail: expect.stringContaining('outside the working directory'),
      range: { filename: 'main.tf', start: { line: 2 } },
    });
    expect(fs.existsSync(path.join(dir, '..', 'outside.txt'))).toBe(false);
  });
});

describe('terraform stand-in: working directory, data dir, backend and workspaces', () => {
  it('honours -chdir, TF_DATA_DIR and -backend-config path', async () => {
    const parent = makeWorkdir();
    const dir = path.join(parent, 'stack');
    fs.cpSync(path.join(MODULES_DIR, 'random-pet'), dir, { recursive: true });
    fs.appendFileSync(
      path.join(dir, 'main.tf'),
      '\nterraform {\n  backend "local" {}\n}\n',
    );
    const env = { TF_DATA_DIR: 'custom-data' };
    const init = await runTerraform(
      ['-chdir=stack', 'init', '-backend-config=path=states/main.tfstate'],
      { cwd: parent, env },
    );
    expect(init.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'custom-data'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.terraform'))).toBe(false);
    const apply = await runTerraform(
      ['-chdir=stack', 'apply', '-auto-approve'],
      { cwd: parent, env },
    );
    expect(apply.code).toBe(0);
    const state = readJson(path.join(dir, 'states/main.tfstate'));
    expect(state.resources.map((r: any) => r.type).sort()).toEqual([
      'random_id',
      'random_pet',
    ]);
    // Values are kept in state: a second apply changes nothing.
    const name = state.outputs.name.value;
    expect(
      (
        await runTerraform(['-chdir=stack', 'plan', '-detailed-exitcode'], {
          cwd: parent,
          env,
        })
      ).code,
    ).toBe(0);
    const out = await runTerraform(['-chdir=stack', 'output', '-raw', 'name'], {
      cwd: parent,
      env,
    });
    expect(out.stdout).toBe(name);
  });

  it('keeps one state per workspace, selected by command or TF_WORKSPACE', async () => {
    const dir = makeWorkdir('random-pet');
    await runTerraform(['init'], { cwd: dir });
    expect(
      (await runTerraform(['workspace', 'new', 'staging'], { cwd: dir })).code,
    ).toBe(0);
    expect(
      (await runTerraform(['workspace', 'show'], { cwd: dir })).stdout,
    ).toBe('staging\n');
    expect(
      (await runTerraform(['apply', '-auto-approve'], { cwd: dir })).code,
    ).toBe(0);
    expect(
      fs.existsSync(
        path.join(dir, 'terraform.tfstate.d/staging/terraform.tfstate'),
      ),
    ).toBe(true);
    expect(fs.existsSync(path.join(dir, 'terraform.tfstate'))).toBe(false);

    const list = await runTerraform(['workspace', 'list'], { cwd: dir });
    expect(list.stdout).toBe('  default\n* staging\n\n');
    const missing = await runTerraform(['workspace', 'select', 'prod'], {
      cwd: dir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Workspace "prod" doesn\'t exist.');
    expect(
      (
        await runTerraform(['workspace', 'select', '-or-create', 'prod'], {
          cwd: dir,
        })
      ).code,
    ).toBe(0);

    const viaEnv = await runTerraform(['plan', '-detailed-exitcode'], {
      cwd: dir,
      env: { TF_WORKSPACE: 'staging' },
    });
    expect(viaEnv.code).toBe(0);
    const prod = await runTerraform(['plan', '-detailed-exitcode'], {
      cwd: dir,
    });
    expect(prod.code).toBe(2);
    const show = await runTerraform(['show', '-json'], {
      cwd: dir,
      env: { TF_WORKSPACE: 'staging' },
    });
    expect(JSON.parse(show.stdout).values.root_module.resources).toHaveLength(
      2,
    );
  });

  it('shows a saved plan as Terraform plan JSON', async () => {
    const dir = makeWorkdir('local-file');
    await runTerraform(['init'], { cwd: dir });
    await runTerraform(
      ['plan', '-out=tfplan', '-var=file_name=docs/readme.txt'],
      { cwd: dir },
    );
    const show = JSON.parse(
      (await runTerraform(['show', '-json', 'tfplan'], { cwd: dir })).stdout,
    );
    expect(show.resource_changes).toEqual([
      expect.objectContaining({
        address: 'local_file.this',
        type: 'local_file',
        provider_name: 'registry.terraform.io/hashicorp/local',
        change: expect.objectContaining({
          actions: ['create'],
          before: null,
          after: expect.objectContaining({ filename: 'docs/readme.txt' }),
          after_unknown: expect.objectContaining({ id: true }),
        }),
      }),
    ]);
    expect(show.output_changes.secret_note).toMatchObject({
      actions: ['create'],
      after_sensitive: true,
    });
    expect(show.variables.file_name).toEqual({ value: 'docs/readme.txt' });
  });
});
