import { startTestSandbox } from '@edp/sandbox';
import { KUBE_TOKEN, stopSandbox, TestSandbox } from '../__testUtils__/sandbox';
import { KubeClient } from './KubeClient';
import { applyManifests } from './applyManifests';
import { parseManifests } from './manifests';

jest.setTimeout(30_000);

const manifests = parseManifests(
  [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: placeholder\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b',
  ].join('\n---\n'),
  { label: 'test' },
);
const inNamespace = (ns: string) =>
  manifests.map(m =>
    m.metadata.namespace
      ? { ...m, metadata: { ...m.metadata, namespace: ns } }
      : m,
  );

describe('applyManifests against the Kubernetes stand-in', () => {
  let sandbox: TestSandbox;
  let client: KubeClient;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    client = KubeClient.fromCluster({
      name: 'sandbox',
      url: sandbox.endpoints.kubernetes.api,
      authProvider: 'serviceAccount',
      token: KUBE_TOKEN,
      skipTLSVerify: true,
    });
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  const get = async (path: string) =>
    (
      await fetch(`${sandbox.endpoints.kubernetes.api}${path}`, {
        headers: { authorization: `Bearer ${KUBE_TOKEN}` },
      })
    ).json();

  it('creates namespaces when asked, owns the fields as edp-orchestrator, and changes nothing on a second run', async () => {
    const first = await applyManifests(client, inNamespace('shop'), {
      createNamespace: true,
      namespace: 'shop',
    });
    expect(first.applied.map(a => `${a.kind}/${a.name}:${a.action}`)).toEqual([
      'Namespace/shop:created',
      'Deployment/web:created',
      'ConfigMap/settings:created',
    ]);
    const deployment = await get(
      '/apis/apps/v1/namespaces/shop/deployments/web',
    );
    expect(
      deployment.metadata.managedFields.map((f: any) => f.manager),
    ).toContain('edp-orchestrator');
    const second = await applyManifests(client, inNamespace('shop'), {
      createNamespace: true,
      namespace: 'shop',
    });
    expect(second.applied.map(a => a.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('reports configured when the object changes', async () => {
    await applyManifests(client, inNamespace('shop2'), {
      createNamespace: true,
      namespace: 'shop2',
    });
    const changed = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop2\ndata:\n  a: c\n',
      { label: 't' },
    );
    expect((await applyManifests(client, changed)).applied).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop2',
        name: 'settings',
        action: 'configured',
      },
    ]);
  });

  it('changes nothing in a dry run, even in a namespace that does not exist yet', async () => {
    const { applied } = await applyManifests(client, inNamespace('dry'), {
      createNamespace: true,
      namespace: 'dry',
      dryRun: true,
    });
    expect(applied.map(a => a.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect((await get('/api/v1/namespaces/dry')).code).toBe(404);
  });

  it('names the apiVersion and kind the cluster does not know, before applying anything', async () => {
    const unknown = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: before-widget\n  namespace: default\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      { label: 't' },
    );
    await expect(applyManifests(client, unknown)).rejects.toThrow(
      /does not serve apiVersion "example.com\/v1" kind "Widget"/,
    );
    expect(
      (await get('/api/v1/namespaces/default/configmaps/before-widget')).code,
    ).toBe(404);
  });

  it('stops when the task is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = KubeClient.fromCluster(
      {
        name: 'sandbox',
        url: sandbox.endpoints.kubernetes.api,
        authProvider: 'serviceAccount',
        token: KUBE_TOKEN,
        skipTLSVerify: true,
      },
      controller.signal,
    );
    await expect(
      applyManifests(cancelled, inNamespace('cancelled'), {
        signal: controller.signal,
      }),
    ).rejects.toThrow(/cancel|abort/i);
    expect(
      (await get('/apis/apps/v1/namespaces/cancelled/deployments/web')).code,
    ).toBe(404);
  });

  it('explains an unreachable cluster without leaking the token', async () => {
    const broken = KubeClient.fromCluster({
      name: 'gone',
      url: 'http://127.0.0.1:1',
      authProvider: 'serviceAccount',
      token: 'leak-me',
      skipTLSVerify: true,
    });
    const error = await applyManifests(broken, manifests).catch(e => e);
    expect(error.message).toMatch(
      /Cluster "gone" \(http:\/\/127.0.0.1:1\) could not be reached/,
    );
    expect(error.message).not.toContain('leak-me');
  });

  it('asks for skipTLSVerify (or https) when a plain http cluster would get the token', async () => {
    const plain = KubeClient.fromCluster({
      name: 'plain',
      url: sandbox.endpoints.kubernetes.api,
      authProvider: 'serviceAccount',
      token: KUBE_TOKEN,
      skipTLSVerify: false,
    });
    await expect(applyManifests(plain, manifests)).rejects.toThrow(
      /plain http:\/\/ url; set skipTLSVerify: true/,
    );
  });
});
