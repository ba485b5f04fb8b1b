import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import type { KubeStandInState } from './standIn';
import { kubeConfigFor } from './__testUtils__/kubeConfig';

interface Seen {
  type: string;
  name?: string;
  code?: number;
  reason?: string;
  rv?: string;
}

describe('kubernetes stand-in watches', () => {
  let sandbox: Sandbox;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let state: KubeStandInState;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    kc = kubeConfigFor(sandbox.endpoints.kubernetes.api);
    core = kc.makeApiClient(k8s.CoreV1Api);
    state = sandbox.standIns.get('kubernetes')!.state as KubeStandInState;
    await core.createNamespace({ body: { metadata: { name: 'w' } } });
  });
  afterAll(() => sandbox.stop());

  /** Watches configmaps in namespace w until `until` says so or the stream ends. */
  function watch(
    query: Record<string, string>,
    until: (seen: Seen[]) => boolean,
  ) {
    const seen: Seen[] = [];
    let controller: AbortController | undefined;
    const done = new Promise<Seen[]>((resolve, reject) => {
      new k8s.Watch(kc)
        .watch(
          '/api/v1/namespaces/w/configmaps',
          query,
          (type, obj) => {
            seen.push({
              type,
              name: obj?.metadata?.name,
              code: obj?.code,
              reason: obj?.reason,
              rv: obj?.metadata?.resourceVersion,
            });
            if (until(seen)) {
              controller?.abort();
              resolve(seen);
            }
          },
          err =>
            err && err.name !== 'AbortError' ? reject(err) : resolve(seen),
        )
        .then(c => {
          controller = c;
        });
    });
    return done;
  }

  it('streams ADDED, MODIFIED and DELETED after a resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'w' });
    const events = watch(
      { resourceVersion: list.metadata!.resourceVersion! },
      seen => seen.length >= 3,
    );
    await new Promise(r => setTimeout(r, 50));
    await core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'c1' }, data: { a: '1' } },
    });
    await core.patchNamespacedConfigMap(
      { namespace: 'w', name: 'c1', body: { data: { a: '2' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ namespace: 'w', name: 'c1' });
    const seen = await events;
    expect(seen.map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED c1',
      'MODIFIED c1',
      'DELETED c1',
    ]);
    const versions = seen.map(e => Number(e.rv));
    expect(versions[0]).toBeGreaterThan(Number(list.metadata!.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('replays changes made before the watch started when given an older resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'w' });
    await core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'early' } },
    });
    const seen = await watch(
      { resourceVersion: list.metadata!.resourceVersion! },
      s => s.length >= 1,
    );
    expect(seen[0]).toMatchObject({ type: 'ADDED', name: 'early' });
  });

  it('answers a resourceVersion older than the kept history with an ERROR event carrying 410 Expired', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'w' });
    await core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'after-compaction' } },
    });
    state.cluster.store.compact();
    const seen = await watch(
      { resourceVersion: list.metadata!.resourceVersion! },
      s => s.length >= 1,
    );
    expect(seen).toEqual([
      expect.objectContaining({ type: 'ERROR', code: 410, reason: 'Expired' }),
    ]);
  });

  it('keeps a client-node informer in sync (list, then watch)', async () => {
    const informer = k8s.makeInformer(
      kc,
      '/api/v1/namespaces/w/configmaps',
      () => core.listNamespacedConfigMap({ namespace: 'w' }),
    );
    const added: string[] = [];
    informer.on('add', obj => added.push(obj.metadata!.name!));
    await informer.start();
    await core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'live' } },
    });
    for (let i = 0; i < 50 && !added.includes('live'); i++)
      await new Promise(r => setTimeout(r, 20));
    await informer.stop();
    expect(added).toEqual(
      expect.arrayContaining(['early', 'after-compaction', 'live']),
    );
  });
});
