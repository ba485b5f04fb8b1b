import fs from 'node:fs';
import path from 'node:path';
import {
  makeWorkdir,
  readJson,
  runTerraform,
  removeWorkdirs,
} from './testUtils';

jest.setTimeout(60_000);
afterAll(removeWorkdirs);

const MAIN_TF = `
variable "greeting" {
  type    = string
  default = "hello"
}
variable "token" {
  type      = string
  default   = "tok-0000-very-secret"
  sensitive = true
}
resource "random_pet" "name" {
  length = 2
}
resource "local_file" "greeting" {
  count    = 2
  filename = "out/greeting-\${count.index}.txt"
  content  = "\${upper(var.greeting)} \${random_pet.name.id} \${count.index}"
}
output "pet" {
  value = random_pet.name.id
}
output "files" {
  value = local_file.greeting[*].filename
}
output "token" {
  value     = var.token
  sensitive = true
}
`;

describe('terraform stand-in: version', () => {
  it('prints the version as text and as JSON', async () => {
    const dir = makeWorkdir();
    const text = await runTerraform(['version'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Terraform v\d+\.\d+\.\d+\non linux_/);

    const json = await runTerraform(['version', '-json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual({
      terraform_version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      platform: expect.stringMatching(/_/),
      provider_selections: {},
      terraform_outdated: false,
    });
  });

  it('speaks as OpenTofu when run as tofu', async () => {
    const dir = makeWorkdir();
    const text = await runTerraform(['-version'], { cwd: dir, bin: 'tofu' });
    expect(text.stdout).toMatch(/^OpenTofu v/);
    const plan = await runTerraform(['plan', '-json'], {
      cwd: makeWorkdir({ 'main.tf': 'output "x" {\n  value = 1\n}\n' }),
      bin: 'tofu',
    });
    expect(plan.lines[0]).toMatchObject({
      type: 'version',
      '@module': 'tofu.ui',
      '@message': expect.stringMatching(/^OpenTofu /),
    });
  });
});

describe('terraform stand-in: init, plan, apply, output, destroy', () => {
  it('runs the whole lifecycle with real files, a state file and the right exit codes', async () => {
    const dir = makeWorkdir({ 'main.tf': MAIN_TF });

    const init = await runTerraform(['init', '-input=false'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.terraform'))).toBe(true);
    expect(
      fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8'),
    ).toContain('registry.terraform.io/hashicorp/random');
    const versionAfterInit = await runTerraform(['version', '-json'], {
      cwd: dir,
    });
    expect(
      JSON.parse(versionAfterInit.stdout).provider_selections,
    ).toHaveProperty(['registry.terraform.io/hashicorp/local']);

    const plan = await runTerraform(
      ['plan', '-input=false', '-detailed-exitcode', '-out=tfplan'],
      { cwd: dir },
    );
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);

    const apply = await runTerraform(['apply', '-input=false', 'tfplan'], {
      cwd: dir,
    });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain(
      'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
    );
    const state = readJson(path.join(dir, 'terraform.tfstate'));
    expect(state).toMatchObject({
      version: 4,
      serial: expect.any(Number),
      lineage: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const pet = state.resources.find((r: any) => r.type === 'random_pet')
      .instances[0].attributes.id;
    expect(fs.readFileSync(path.join(dir, 'out/greeting-1.txt'), 'utf8')).toBe(
      `HELLO ${pet} 1`,
    );

    const outputs = await runTerraform(['output', '-json'], { cwd: dir });
    expect(JSON.parse(outputs.stdout)).toEqual({
      files: {
        sensitive: false,
        type: ['tuple', ['string', 'string']],
        value: ['out/greeting-0.txt', 'out/greeting-1.txt'],
      },
      pet: { sensitive: false, type: 'string', value: pet },
      token: { sensitive: true, type: 'string', value: 'tok-0000-very-secret' },
    });
    const raw = await runTerraform(['output', '-raw', 'pet'], { cwd: dir });
    expect(raw.stdout).toBe(pet);

    const again = await runTerraform(['plan', '-detailed-exitcode'], {
      cwd: dir,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');

    // A file removed behind Terraform's back is noticed on refresh and planned again.
    fs.rmSync(path.join(dir, 'out/greeting-0.txt'));
    const drift = await runTerraform(['plan', '-detailed-exitcode', '-json'], {
      cwd: dir,
    });
    expect(drift.code).toBe(2);
    expect(
      drift.lines
        .filter(l => l.type === 'planned_change')
        .map(l => l.change.resource.addr),
    ).toEqual(['local_file.greeting[0]']);
    expect(drift.lines.find(l => l.type === 'resource_drift')).toMatchObject({
      '@message': 'local_file.greeting[0]: Drift detected (delete)',
      change: {
        action: 'delete',
        resource: { addr: 'local_file.greeting[0]', resource_key: 0 },
      },
    });

    const destroy = await runTerraform(['destroy', '-auto-approve', '-json'], {
      cwd: dir,
    });
    expect(destroy.code).toBe(0);
    // greeting[0] was already gone (refresh dropped it), so two objects remain to destroy.
    const summaries = destroy.lines.filter(l => l.type === 'change_summary');
    expect(summaries.map(l => l['@message'])).toEqual([
      'Plan: 0 to add, 0 to change, 2 to destroy.',
      'Destroy complete! Resources: 2 destroyed.',
    ]);
    expect(summaries.map(l => l.changes.operation)).toEqual([
      'destroy',
      'destroy',
    ]);
    expect(fs.existsSync(path.join(dir, 'out/greeting-1.txt'))).toBe(false);
    expect(readJson(path.join(dir, 'terraform.tfstate')).resources).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'terraform.tfstate.backup'))).toBe(
      true,
    );
  });

  it('refuses a saved plan once the state has changed', async () => {
    const dir = makeWorkdir({ 'main.tf': MAIN_TF });
    await runTerraform(['init'], { cwd: dir });
    expect(
      (await runTerraform(['plan', '-out=first.tfplan'], { cwd: dir })).code,
    ).toBe(0);
    expect(
      (await runTerraform(['apply', '-auto-approve'], { cwd: dir })).code,
    ).toBe(0);
    const stale = await runTerraform(['apply', '-json', 'first.tfplan'], {
      cwd: dir,
    });
    expect(stale.code).toBe(1);
    expect(
      stale.lines.find(l => l.type === 'diagnostic').diagnostic.summary,
    ).toBe('Saved plan is stale');
  });

  it('asks for approval: refuses -json without -auto-approve, applies after a typed "yes"', async () => {
    const dir = makeWorkdir({ 'main.tf': MAIN_TF });
    await runTerraform(['init'], { cwd: dir });
    const refused = await runTerraform(['apply', '-json'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(
      refused.lines.find(l => l.type === 'diagnostic').diagnostic.summary,
    ).toBe('Plan file or auto-approve required');
    expect(fs.existsSync(path.join(dir, 'terraform.tfstate'))).toBe(false);

    const no = await runTerraform(['apply'], { cwd: dir, input: 'no\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Apply cancelled');
    const yes = await runTerraform(['apply'], { cwd: dir, input: 'yes\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Apply complete!');
  });

  it('requires init before planning', async () => {
    const dir = makeWorkdir({ 'main.tf': MAIN_TF });
    const plan = await runTerraform(['plan', '-json'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(
      plan.lines.find(l => l.type === 'diagnostic').diagnostic,
    ).toMatchObject({
      severity: 'error',
      summary: 'Inconsistent dependency lock file',
      detail: expect.stringContaining('terraform init'),
    });
  });

  it('keeps random values stable until -replace asks for a new one, replacing what depends on it', async () => {
    const dir = makeWorkdir('random-pet');
    await runTerraform(['init'], { cwd: dir });
    await runTerraform(['apply', '-auto-approve'], { cwd: dir });
    const first = JSON.parse(
      (await runTerraform(['output', '-json'], { cwd: dir })).stdout,
    );
    expect(
      (await runTerraform(['plan', '-detailed-exitcode'], { cwd: dir })).code,
    ).toBe(0);

    const plan = await runTerraform(
      ['plan', '-json', '-detailed-exitcode', '-replace=random_pet.name'],
      { cwd: dir },
    );
    expect(plan.code).toBe(2);
    expect(
      plan.lines
        .filter(l => l.type === 'planned_change')
        .map(l => [l.change.resource.addr, l.change.action, l.change.reason]),
    ).toEqual([
      ['random_id.suffix', 'replace', 'cannot_update'],
      ['random_pet.name', 'replace', 'replace_by_request'],
    ]);
    const apply = await runTerraform(
      ['apply', '-auto-approve', '-replace=random_pet.name'],
      { cwd: dir },
    );
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('random_pet.name: Destroying...');
    expect(apply.stdout).toContain(
      'Apply complete! Resources: 2 added, 0 changed, 2 destroyed.',
    );
    // Four fresh random bytes: a different suffix (the pet name may repeat by chance, the id will not).
    const second = JSON.parse(
      (await runTerraform(['output', '-json'], { cwd: dir })).stdout,
    );
    expect(second.suffix.value).toMatch(/^[0-9a-f]{8}$/);
    expect(second.suffix.value).not.toBe(first.suffix.value);
  });
});
