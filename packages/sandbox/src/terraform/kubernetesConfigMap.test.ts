import fs from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { makeWorkdir, removeWorkdirs, runTerraform } from './testUtils';

jest.setTimeout(90_000);

const TOKEN = 'sandbox-kube-token';
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startTestSandbox(['kubernetes']);
  env = {
    KUBE_HOST: sandbox.endpoints.kubernetes.api,
    KUBE_TOKEN: TOKEN,
    TF_VAR_name: 'drifty',
  };
});
afterAll(async () => {
  removeWorkdirs();
  await sandbox?.stop();
});

async function kube(method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${sandbox.endpoints.kubernetes.api}${pathname}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/merge-patch+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const CONFIG_MAP = '/api/v1/namespaces/default/configmaps/drifty-settings';

describe('terraform stand-in: kubernetes_config_map_v1 (infrastructure outside Terraform)', () => {
  it('creates the ConfigMap, sees kubectl-style edits and deletion as drift, and destroys it', async () => {
    const dir = makeWorkdir('pet-config');
    await runTerraform(['init'], { cwd: dir, env });
    const applied = await runTerraform(['apply', '-auto-approve', '-json'], {
      cwd: dir,
      env,
    });
    expect(applied.code).toBe(0);
    const created = await kube('GET', CONFIG_MAP);
    const pet = created.body.data.pet;
    expect(pet).toMatch(/^[a-z]+-[a-z]+$/);

    const check = () =>
      runTerraform(['plan', '-refresh-only', '-detailed-exitcode', '-json'], {
        cwd: dir,
        env,
      });
    expect((await check()).code).toBe(0);

    // Someone edits the ConfigMap behind Terraform's back.
    expect(
      (await kube('PATCH', CONFIG_MAP, { data: { pet: 'hand-edited' } }))
        .status,
    ).toBe(200);
    const edited = await check();
    expect(edited.code).toBe(2);
    expect(
      edited.lines
        .filter(l => l.type === 'resource_drift')
        .map(l => [l.change.resource.addr, l.change.action]),
    ).toEqual([['kubernetes_config_map_v1.settings', 'update']]);

    // A normal plan puts it back; apply does.
    const fixed = await runTerraform(['apply', '-auto-approve', '-json'], {
      cwd: dir,
      env,
    });
    expect(fixed.code).toBe(0);
    expect((await kube('GET', CONFIG_MAP)).body.data.pet).toBe(pet);
    expect((await check()).code).toBe(0);

    await kube('DELETE', CONFIG_MAP);
    const gone = await check();
    expect(gone.code).toBe(2);
    expect(
      gone.lines.find(l => l.type === 'resource_drift').change.action,
    ).toBe('delete');

    expect(
      (
        await runTerraform(['destroy', '-auto-approve', '-json'], {
          cwd: dir,
          env,
        })
      ).code,
    ).toBe(0);
    expect(fs.existsSync(path.join(dir, 'terraform.tfstate'))).toBe(true);
    expect((await kube('GET', CONFIG_MAP)).status).toBe(404);
  });
});
