import * as k8s from '@kubernetes/client-node';
import { startTestSandbox, type Sandbox } from '@edp/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/*
 * deploy/kubernetes, checked the way a cluster would take it: every manifest server-side applied
 * with dryRun=All against the sandbox's Kubernetes API (schema validation, field types, admission),
 * nothing stored.
 */
const DEPLOY_DIR = path.resolve(__dirname, '../../../../deploy/kubernetes');

function manifestFiles(): string[] {
  const kustomization = YAML.parse(
    fs.readFileSync(path.join(DEPLOY_DIR, 'kustomization.yaml'), 'utf8'),
  );
  return kustomization.resources;
}

function objectsOf(file: string): k8s.KubernetesObject[] {
  return YAML.parseAllDocuments(
    fs.readFileSync(path.join(DEPLOY_DIR, file), 'utf8'),
  )
    .map(doc => doc.toJS())
    .filter(Boolean);
}

const allObjects = () => manifestFiles().flatMap(objectsOf);

describe('deploy/kubernetes', () => {
  let sandbox: Sandbox;
  let objects: k8s.KubernetesObjectApi;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'sandbox',
          server: sandbox.endpoints.kubernetes.api,
          // The stand-in's plain-HTTP endpoint (no TLS to verify).
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'edp', token: 'sandbox-kube-token' }],
      contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'edp' }],
      currentContext: 'sandbox',
    });
    objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  }, 60_000);
  afterAll(() => sandbox?.stop());

  const dryRunApply = (obj: k8s.KubernetesObject) =>
    objects.patch(
      obj,
      undefined,
      'All',
      'edp-deploy-check',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );

  it('lists every manifest of the folder in kustomization.yaml', () => {
    const yamlFiles = fs
      .readdirSync(DEPLOY_DIR)
      .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...manifestFiles()].sort()).toEqual(yamlFiles.sort());
  });

  it('runs two portal replicas or more on PostgreSQL and Redis, kept two through a drain', () => {
    const all = allObjects();
    const byKind = (kind: string, name: string) =>
      all.find(o => o.kind === kind && o.metadata?.name === name) as any;
    const portal = byKind('Deployment', 'edp-portal');
    expect(portal.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(byKind('PodDisruptionBudget', 'edp-portal').spec.minAvailable).toBe(
      1,
    );
    // The replicas reach the database and the cache through Services of these manifests.
    const env = portal.spec.template.spec.containers[0].env;
    const host = env.find((e: any) => e.name === 'POSTGRES_HOST').value;
    expect(host).toBe('postgres.edp-portal.svc');
    expect(byKind('Service', 'postgres')).toBeDefined();
    const scaleConfig = YAML.parse(
      byKind('ConfigMap', 'edp-portal-config').data['app-config.scale.yaml'],
    );
    expect(scaleConfig.backend.database.client).toBe('pg');
    expect(scaleConfig.backend.cache).toEqual({
      store: 'redis',
      connection: 'redis://redis.edp-portal.svc:6379',
    });
    expect(byKind('Service', 'redis')).toBeDefined();
    // No credential is written in the manifests: they come from a Secret the operator creates.
    expect(all.some(o => o.kind === 'Secret')).toBe(false);
    expect(JSON.stringify(all)).not.toMatch(/password:\s*[^$\s]/i);
  });

  it('is accepted by the API server in a server-side dry run, and nothing is stored', async () => {
    const all = allObjects();
    const namespace = all.find(o => o.kind === 'Namespace')!;
    // kubectl creates the namespace first; the namespaced objects are then checked in it.
    await dryRunApply(namespace);
    await objects.create(namespace);
    for (const obj of all.filter(o => o.kind !== 'Namespace')) {
      const answer = await dryRunApply(obj).catch(error => {
        throw new Error(
          `${obj.kind}/${obj.metadata?.name} refused: ${
            error?.body ?? error?.message
          }`,
        );
      });
      expect(answer.kind).toBe(obj.kind);
    }
    const portal = all.find(o => o.kind === 'Deployment')!;
    await expect(objects.read(portal as any)).rejects.toMatchObject({
      code: 404,
    });
  });

  it('would catch a broken manifest (the dry run validates)', async () => {
    const portal = allObjects().find(
      o => o.kind === 'Deployment' && o.metadata?.name === 'edp-portal',
    ) as any;
    const broken = {
      ...portal,
      spec: { ...portal.spec, replicas: 'two' },
    };
    // What an apply of a field with the wrong type answers: 400 naming the field.
    const refused = await dryRunApply(broken).catch(e => e);
    expect(refused.code).toBe(400);
    expect(String(refused.body)).toContain('replicas');
  });
});
