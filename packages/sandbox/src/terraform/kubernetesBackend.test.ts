import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import {
  makeWorkdir,
  removeWorkdirs,
  runTerraform,
  startTerraform,
  waitFor,
} from './testUtils';

jest.setTimeout(90_000);

const TOKEN = 'sandbox-kube-token';
const BACKEND = 'terraform {\n  backend "kubernetes" {}\n}\n';

let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startTestSandbox(['kubernetes']);
  env = { KUBE_HOST: sandbox.endpoints.kubernetes.api, KUBE_TOKEN: TOKEN };
});
afterAll(async () => {
  removeWorkdirs();
  await sandbox?.stop();
});

async function kube(pathname: string) {
  const res = await fetch(`${sandbox.endpoints.kubernetes.api}${pathname}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: res.status, body: (await res.json()) as any };
}

const secret = (name: string) =>
  kube(`/api/v1/namespaces/default/secrets/${name}`);
const lease = (name: string) =>
  kube(`/apis/coordination.k8s.io/v1/namespaces/default/leases/${name}`);

/** A working directory of a sample module with the kubernetes backend, initialised. */
async function workdir(module: string, suffix: string) {
  const dir = makeWorkdir(module);
  fs.writeFileSync(path.join(dir, 'backend.tf'), BACKEND);
  const init = await runTerraform(
    ['init', '-json', `-backend-config=secret_suffix=${suffix}`],
    { cwd: dir, env },
  );
  expect(init.stdout + init.stderr).toContain('successfully initialized');
  return dir;
}

describe('terraform stand-in: kubernetes backend', () => {
  it('keeps the state in a Secret that another working directory plans and destroys against', async () => {
    const first = await workdir('random-pet', 'pets');
    const applied = await runTerraform(['apply', '-auto-approve', '-json'], {
      cwd: first,
      env,
    });
    expect(applied.code).toBe(0);
    expect(fs.existsSync(path.join(first, 'terraform.tfstate'))).toBe(false);

    const stored = await secret('tfstate-default-pets');
    expect(stored.status).toBe(200);
    expect(stored.body.metadata.labels).toEqual({
      tfstate: 'true',
      tfstateSecretSuffix: 'pets',
      tfstateWorkspace: 'default',
      'app.kubernetes.io/managed-by': 'terraform',
    });
    const state = JSON.parse(
      zlib
        .gunzipSync(Buffer.from(stored.body.data.tfstate, 'base64'))
        .toString('utf8'),
    );
    expect(state.resources.map((r: any) => `${r.type}.${r.name}`)).toEqual([
      'random_id.suffix',
      'random_pet.name',
    ]);
    expect((await lease('lock-tfstate-default-pets')).body.spec).toEqual({});

    // A fresh working directory (the next task) sees the same state.
    const second = await workdir('random-pet', 'pets');
    const plan = await runTerraform(['plan', '-json', '-detailed-exitcode'], {
      cwd: second,
      env,
    });
    expect(plan.code).toBe(0);
    const destroyed = await runTerraform(
      ['destroy', '-auto-approve', '-json'],
      { cwd: second, env },
    );
    expect(destroyed.code).toBe(0);
    const after = await secret('tfstate-default-pets');
    const emptied = JSON.parse(
      zlib
        .gunzipSync(Buffer.from(after.body.data.tfstate, 'base64'))
        .toString('utf8'),
    );
    expect(emptied.resources).toEqual([]);
    expect(emptied.serial).toBeGreaterThan(state.serial);
  });

  it('locks with a Lease: a second run fails naming the holder, an interrupt releases it', async () => {
    const dir = await workdir('slow-and-failing', 'slow');
    const run = startTerraform(
      ['apply', '-auto-approve', '-json', '-var=sleep_seconds=30'],
      { cwd: dir, env },
    );
    await waitFor(
      () => run.output.stdout.includes('time_sleep.wait: Creating...'),
      20_000,
      'the sleep to start',
    );
    const held = await lease('lock-tfstate-default-slow');
    const info = JSON.parse(
      held.body.metadata.annotations['app.terraform.io/lock-info'],
    );
    expect(held.body.spec.holderIdentity).toBe(info.ID);
    expect(info).toMatchObject({
      Operation: 'OperationTypeApply',
      Path: 'default/tfstate-default-slow',
    });

    const other = await workdir('slow-and-failing', 'slow');
    const second = await runTerraform(['plan', '-json', '-lock-timeout=1s'], {
      cwd: other,
      env,
    });
    expect(second.code).toBe(1);
    const diag = second.lines.find(l => l.type === 'diagnostic').diagnostic;
    expect(diag.summary).toBe('Error acquiring the state lock');
    expect(diag.detail).toContain(`ID:        ${info.ID}`);
    expect(diag.detail).toContain(`Who:       ${info.Who}`);

    // The marker was created before the interrupt: it must be in the Secret afterwards.
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(1);
    expect((await lease('lock-tfstate-default-slow')).body.spec).toEqual({});
    const listed = await runTerraform(['state', 'list'], { cwd: other, env });
    expect(listed.stdout).toContain('local_file.marker');
  });

  it('force-unlock releases a Lease left by a killed run', async () => {
    const dir = await workdir('slow-and-failing', 'killed');
    const run = startTerraform(
      ['apply', '-auto-approve', '-json', '-var=sleep_seconds=30'],
      { cwd: dir, env },
    );
    await waitFor(
      () => run.output.stdout.includes('time_sleep.wait: Creating...'),
      20_000,
      'the sleep to start',
    );
    run.child.kill('SIGKILL');
    await run.done;
    const id = (await lease('lock-tfstate-default-killed')).body.spec
      .holderIdentity;
    expect(id).toEqual(expect.any(String));
    const unlocked = await runTerraform(['force-unlock', '-force', id], {
      cwd: dir,
      env,
    });
    expect(unlocked.stdout).toContain('successfully unlocked');
    expect((await lease('lock-tfstate-default-killed')).body.spec).toEqual({});
  });
});
