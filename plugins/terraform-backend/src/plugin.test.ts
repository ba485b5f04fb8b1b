import { startTestSandbox } from '@edp/sandbox';
import { KubernetesStateStore } from '@edp/plugin-terraform-node';
import request from 'supertest';
import {
  applyModule,
  resource,
  startTerraformBackend,
  TOKEN,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let kubeApi: string;

const API = '/api/edp-terraform/entity/resource/default';
const LOCATION = {
  cluster: 'sandbox',
  namespace: 'default',
  secretName: 'tfstate-default-garden',
};
const garden = resource('garden', {
  'edp.io/terraform-state': 'kubernetes:sandbox/default/tfstate-default-garden',
  'edp.io/terraform-module': 'pet-config',
});

async function kube(method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${kubeApi}${pathname}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/merge-patch+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  sandbox = await startTestSandbox(['kubernetes']);
  kubeApi = sandbox.endpoints.kubernetes.api;
  await applyModule(kubeApi, 'pet-config', 'garden', { name: 'garden' });
  // What edp:terraform:run records after its apply.
  await new KubernetesStateStore({
    cluster: 'sandbox',
    url: kubeApi,
    token: TOKEN,
    skipTLSVerify: true,
  }).recordRun(
    LOCATION,
    {
      operation: 'apply',
      result: 'succeeded',
      actor: 'user:default/alice',
      startedAt: '2026-12-06T10:00:00.000Z',
      finishedAt: '2026-12-06T10:00:05.000Z',
      taskId: 'task-1',
      summary: { add: 3, change: 0, destroy: 0 },
    },
    { name: 'garden' },
  );
});
afterAll(() => sandbox?.stop());

describe('edp-terraform backend', () => {
  it('answers one response with outputs (sensitive without value), resources, runs and an unchecked drift', async () => {
    const { server } = await startTerraformBackend({
      entities: [garden],
      kubeApi,
    });
    const res = await request(server).get(`${API}/garden/state`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      location: 'kubernetes:sandbox/default/tfstate-default-garden',
      exists: true,
      canCheckDrift: true,
      drift: { status: 'unchecked' },
    });
    expect(res.body.outputs).toEqual([
      {
        name: 'config_map',
        sensitive: false,
        value: 'default/garden-settings',
      },
      { name: 'pet', sensitive: false, value: expect.stringMatching(/-/) },
      { name: 'token', sensitive: true },
    ]);
    expect(res.body.resources.map((r: any) => [r.address, r.provider])).toEqual(
      [
        [
          'kubernetes_config_map_v1.settings',
          'registry.terraform.io/hashicorp/kubernetes',
        ],
        ['random_id.token', 'registry.terraform.io/hashicorp/random'],
        ['random_pet.name', 'registry.terraform.io/hashicorp/random'],
      ],
    );
    expect(res.body.runs).toEqual([
      expect.objectContaining({
        operation: 'apply',
        result: 'succeeded',
        actor: 'user:default/alice',
        taskId: 'task-1',
      }),
    ]);
    // The state's sensitive values and the cluster token never reach the caller.
    const secret = await kube(
      'GET',
      '/api/v1/namespaces/default/secrets/tfstate-default-garden',
    );
    expect(secret.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(JSON.stringify(res.body)).not.toContain('"hex"');
  });

  it('checks drift on demand: in sync, then drifted after the ConfigMap is edited behind Terraform’s back', async () => {
    const { server } = await startTerraformBackend({
      entities: [garden],
      kubeApi,
    });
    const first = await request(server).post(`${API}/garden/drift/check`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'in-sync' });

    await kube(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/garden-settings',
      { data: { pet: 'edited-by-hand' } },
    );
    const second = await request(server).post(`${API}/garden/drift/check`);
    expect(second.body).toEqual({
      status: 'drifted',
      checkedAt: expect.any(String),
      resources: ['kubernetes_config_map_v1.settings'],
    });
    const state = await request(server).get(`${API}/garden/state`);
    expect(state.body.drift).toEqual(second.body);
  });

  it('answers 403 without terraform.state.read, and refuses "check now" without terraform.drift.check', async () => {
    const noRead = await startTerraformBackend({
      entities: [garden],
      kubeApi,
      deny: ['terraform.state.read'],
    });
    const denied = await request(noRead.server).get(`${API}/garden/state`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('terraform.state.read');
    await noRead.server.stop();

    const noCheck = await startTerraformBackend({
      entities: [garden],
      kubeApi,
      deny: ['terraform.drift.check'],
    });
    const state = await request(noCheck.server).get(`${API}/garden/state`);
    expect(state.body.canCheckDrift).toBe(false);
    const check = await request(noCheck.server).post(
      `${API}/garden/drift/check`,
    );
    expect(check.status).toBe(403);
    expect(check.body.error.message).toContain('terraform.drift.check');
  });

  it('answers 404 for an entity the caller cannot see and 400 for an annotation it cannot read', async () => {
    const other = resource('elsewhere', {
      'edp.io/terraform-state': 's3:0123456789abcdef:default',
    });
    const { server } = await startTerraformBackend({
      entities: [other],
      kubeApi,
    });
    const missing = await request(server).get(`${API}/garden/state`);
    expect(missing.status).toBe(404);
    const bad = await request(server).get(`${API}/elsewhere/state`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'edp.io/terraform-state annotation "s3:0123456789abcdef:default"',
    );
  });

  it('answers 503 naming the cluster when it does not answer, without its token', async () => {
    const { server } = await startTerraformBackend({
      entities: [garden],
      kubeApi: 'http://127.0.0.1:9',
    });
    const res = await request(server).get(`${API}/garden/state`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'The Kubernetes cluster "sandbox" that keeps this state did not answer',
    );
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  it('says when nothing was applied at the location yet', async () => {
    const fresh = resource('fresh', {
      'edp.io/terraform-state':
        'kubernetes:sandbox/default/tfstate-default-fresh',
    });
    const { server } = await startTerraformBackend({
      entities: [fresh],
      kubeApi,
    });
    const res = await request(server).get(`${API}/fresh/state`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      exists: false,
      outputs: [],
      resources: [],
      runs: [],
    });
  });
});
