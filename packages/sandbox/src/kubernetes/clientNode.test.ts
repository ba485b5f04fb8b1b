import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import type { KubeStandInState } from './standIn';
import { kubeConfigFor, statusOf } from './__testUtils__/kubeConfig';

const deployment = (replicas: number, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { app: 'web', tier: 'front' },
  },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
});

describe('kubernetes stand-in through @kubernetes/client-node', () => {
  let sandbox: Sandbox;
  let objects: k8s.KubernetesObjectApi;
  let core: k8s.CoreV1Api;
  let server: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes'], {
      services_config: { kubernetes: { readOnlyToken: 'reader-token' } },
    } as any);
    server = sandbox.endpoints.kubernetes.api;
    const kc = kubeConfigFor(server);
    objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
  });
  afterAll(() => sandbox.stop());

  const apply = (
    obj: k8s.KubernetesObject,
    manager: string,
    force?: boolean,
    dryRun?: string,
  ) =>
    objects.patch(
      obj,
      undefined,
      dryRun,
      manager,
      force,
      k8s.PatchStrategy.ServerSideApply,
    );

  it('server-side applies a Deployment, resolving its plural through discovery, and tracks the field manager', async () => {
    const created = await apply(deployment(2), 'edp-stacks');
    expect(created.metadata?.uid).toBeTruthy();
    const read = await objects.read<k8s.V1Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
    });
    expect(read.spec?.replicas).toBe(2);
    expect(
      read.metadata?.managedFields?.map(m => `${m.manager}/${m.operation}`),
    ).toContain('edp-stacks/Apply');
    expect(
      JSON.stringify(read.metadata?.managedFields?.[0].fieldsV1),
    ).toContain('"f:replicas"');
  });

  it('re-applying the same manifest changes nothing (same resourceVersion)', async () => {
    const first = await apply(deployment(2), 'edp-stacks');
    const second = await apply(deployment(2), 'edp-stacks');
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
  });

  it('refuses a field owned by another manager with 409 naming the field and the manager, and force takes it', async () => {
    const status = await statusOf(apply(deployment(5), 'someone-else'));
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      code: 409,
    });
    expect(status.message).toContain('conflict with "edp-stacks"');
    expect(status.details.causes).toEqual([
      expect.objectContaining({
        field: '.spec.replicas',
        reason: 'FieldManagerConflict',
      }),
    ]);

    const forced = await apply(deployment(5), 'someone-else', true);
    expect((forced as k8s.V1Deployment).spec?.replicas).toBe(5);
    // spec.replicas only: the deployment controller owns status.replicas, as on a real cluster.
    const managers = forced.metadata?.managedFields
      ?.filter(m => (m.fieldsV1 as any)?.['f:spec']?.['f:replicas'])
      .map(m => m.manager);
    expect(managers).toEqual(['someone-else']);
  });

  it('shares a field when both managers apply the same value, and removes fields a manager stops applying', async () => {
    const cm = (data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'shop' },
      data,
    });
    await apply(cm({ a: '1', b: '2' }), 'one');
    await apply(cm({ a: '1' }), 'two');
    const afterDrop = (await apply(cm({ a: '1' }), 'one')) as k8s.V1ConfigMap;
    expect(afterDrop.data).toEqual({ a: '1' });
  });

  it('dryRun=All validates and returns the result without storing it', async () => {
    const dry = await apply(
      {
        ...deployment(9),
        metadata: { ...deployment(9).metadata, name: 'dry' },
      },
      'edp-stacks',
      undefined,
      'All',
    );
    expect(dry.metadata?.name).toBe('dry');
    const status = await statusOf(
      objects.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'dry', namespace: 'shop' },
      }),
    );
    expect(status).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'deployments.apps "dry" not found',
    });
  });

  it('applies an ArgoCD Application (CRD installed) and lists it by label and by field selector', async () => {
    await apply(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'web-shop',
          namespace: 'argocd',
          labels: { 'app.kubernetes.io/part-of': 'shop' },
        },
        spec: {
          project: 'default',
          source: { repoURL: 'http://x/y.git', path: '.' },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'shop',
          },
        },
      } as k8s.KubernetesObject,
      'edp-stacks',
    );
    const byLabel = await objects.list(
      'argoproj.io/v1alpha1',
      'Application',
      'argocd',
      undefined,
      undefined,
      undefined,
      undefined,
      'app.kubernetes.io/part-of=shop',
    );
    expect(byLabel.items.map(i => i.metadata?.name)).toEqual(['web-shop']);
    const none = await objects.list(
      'argoproj.io/v1alpha1',
      'Application',
      'argocd',
      undefined,
      undefined,
      undefined,
      undefined,
      'app.kubernetes.io/part-of notin (shop)',
    );
    expect(none.items).toEqual([]);
    const byName = await core.listNamespace({
      fieldSelector: 'metadata.name=shop',
    });
    expect(byName.items.map(i => i.metadata?.name)).toEqual(['shop']);
  });

  it('answers bad input with Status bodies: missing namespace, duplicates, invalid names, CRD schema', async () => {
    expect(
      await statusOf(
        core.createNamespacedConfigMap({
          namespace: 'nowhere',
          body: { metadata: { name: 'x' } },
        }),
      ),
    ).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'namespaces "nowhere" not found',
    });
    expect(
      await statusOf(
        core.createNamespace({ body: { metadata: { name: 'shop' } } }),
      ),
    ).toMatchObject({ reason: 'AlreadyExists', code: 409 });
    const invalid = await statusOf(
      core.createNamespacedConfigMap({
        namespace: 'shop',
        body: { metadata: { name: 'Not_Valid' } },
      }),
    );
    expect(invalid).toMatchObject({ reason: 'Invalid', code: 422 });
    expect(invalid.details.causes[0].field).toBe('metadata.name');
    const noSpec = await statusOf(
      objects.create({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'broken', namespace: 'argocd' },
      } as k8s.KubernetesObject),
    );
    expect(noSpec).toMatchObject({ reason: 'Invalid', code: 422 });
    expect(
      noSpec.details.causes.map((c: { field: string }) => c.field),
    ).toContain('spec');
  });

  it('checks bearer tokens: 401 without a valid one, 403 for writes with a read-only one', async () => {
    const anonymous = k8s.KubernetesObjectApi.makeApiClient(
      kubeConfigFor(server, 'wrong'),
    );
    expect(await statusOf(anonymous.list('v1', 'Namespace'))).toMatchObject({
      reason: 'Unauthorized',
      code: 401,
    });
    const reader = kubeConfigFor(server, 'reader-token').makeApiClient(
      k8s.CoreV1Api,
    );
    await expect(reader.listNamespace()).resolves.toBeDefined();
    expect(
      await statusOf(
        reader.createNamespace({ body: { metadata: { name: 'nope' } } }),
      ),
    ).toMatchObject({ reason: 'Forbidden', code: 403 });
  });

  it('merge-patches and JSON-patches, bumping resourceVersion and generation, and rejects stale updates', async () => {
    const target = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
    };
    const before = await objects.read<k8s.V1Deployment>(target);
    const merged = await objects.patch<k8s.V1Deployment>(
      { ...target, spec: { replicas: 3 } } as any,
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    expect(merged.spec?.replicas).toBe(3);
    expect(Number(merged.metadata?.resourceVersion)).toBeGreaterThan(
      Number(before.metadata?.resourceVersion),
    );
    expect(merged.metadata?.generation).toBe(
      (before.metadata?.generation ?? 0) + 1,
    );
    const apps = kubeConfigFor(server).makeApiClient(k8s.AppsV1Api);
    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: 'shop',
        body: [{ op: 'replace', path: '/spec/replicas', value: 4 }],
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
    );
    expect(patched.spec?.replicas).toBe(4);
    const stale = await statusOf(
      objects.replace({
        ...before,
        metadata: { ...before.metadata, managedFields: undefined },
      }),
    );
    expect(stale).toMatchObject({ reason: 'Conflict', code: 409 });
    expect(stale.message).toContain('the object has been modified');
  });

  it('registers a new CRD and serves its kind through discovery', async () => {
    await objects.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    required: ['size'],
                    properties: { size: { type: 'integer' } },
                  },
                },
              },
            },
          },
        ],
      },
    } as k8s.KubernetesObject);
    const created = await apply(
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'shop' },
        spec: { size: 3 },
      } as k8s.KubernetesObject,
      'edp-stacks',
    );
    expect(created.metadata?.uid).toBeTruthy();
    const bad = await statusOf(
      apply(
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w2', namespace: 'shop' },
          spec: { size: 'big' },
        } as k8s.KubernetesObject,
        'edp-stacks',
      ),
    );
    expect(bad).toMatchObject({ reason: 'Invalid', code: 422 });
  });

  it('deletes a collection by label selector', async () => {
    for (const name of ['keep', 'drop-1', 'drop-2']) {
      await core.createNamespacedConfigMap({
        namespace: 'shop',
        body: { metadata: { name, labels: { drop: String(name !== 'keep') } } },
      });
    }
    const deleted = await core.deleteCollectionNamespacedConfigMap({
      namespace: 'shop',
      labelSelector: 'drop=true',
    });
    expect(deleted).toBeDefined();
    const left = await core.listNamespacedConfigMap({
      namespace: 'shop',
      labelSelector: 'drop',
    });
    expect(left.items.map(i => i.metadata?.name)).toEqual(['keep']);
  });

  it('applies the sandbox faults of "kubernetes" to its API', async () => {
    sandbox.faults.set('kubernetes', { errorRate: 1, errorStatus: 503 });
    try {
      const failed = await core.listNamespace().then(
        () => undefined,
        (e: { code?: number }) => e.code,
      );
      expect(failed).toBe(503);
    } finally {
      sandbox.faults.clear('kubernetes');
    }
    await expect(core.listNamespace()).resolves.toBeDefined();
  });

  it('deletes a namespace with everything in it', async () => {
    const { cluster } = sandbox.standIns.get('kubernetes')!
      .state as KubeStandInState;
    expect(
      cluster.list(cluster.type('apps/v1', 'Deployment'), 'shop').items,
    ).toHaveLength(1);
    await objects.delete({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    expect(
      cluster.list(cluster.type('apps/v1', 'Deployment'), 'shop').items,
    ).toEqual([]);
  });
});
