// Shared on purpose: other stores (e.g. the Kubernetes-backed one) run these same tests from their *.test.ts.
/* eslint-disable jest/no-export */
import type { ApplicationChange, ApplicationStore } from './store';
import type { Application } from './types';

const app = (
  name: string,
  namespace?: string,
  extra: Partial<Application> = {},
): Application => ({
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    labels: { 'app.kubernetes.io/part-of': 'contract' },
  },
  spec: {
    project: 'default',
    source: {
      repoURL: 'http://127.0.0.1:7101/platform/web-shop.git',
      path: 'deploy/dev',
      targetRevision: 'main',
    },
    destination: { server: 'https://kubernetes.default.svc', namespace: name },
  },
  ...extra,
});

/**
 * The behaviour every ApplicationStore must have, as jest tests. Call it from a `*.test.ts` with a
 * function that makes an empty store (and, optionally, one that disposes of it):
 *   describeApplicationStoreContract('kubernetes', async () => makeStore(), s => s.close?.());
 */
export function describeApplicationStoreContract(
  label: string,
  makeStore: () => Promise<ApplicationStore>,
  dispose: (store: ApplicationStore) => Promise<void> | void = s => s.close?.(),
) {
  describe(`ApplicationStore contract: ${label}`, () => {
    let store: ApplicationStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('creates an application in the argocd namespace unless told otherwise, and fills server fields', async () => {
      const stored = await store.upsert(app('contract-a'));
      expect(stored.metadata).toMatchObject({
        name: 'contract-a',
        namespace: 'argocd',
      });
      expect(stored.metadata.uid).toBeTruthy();
      expect(stored.metadata.resourceVersion).toBeTruthy();
      expect(stored.metadata.creationTimestamp).toBeTruthy();
      expect(await store.get('contract-a')).toMatchObject({
        metadata: { name: 'contract-a' },
        spec: { project: 'default' },
      });
      expect(await store.get('contract-a', 'argocd')).toBeDefined();
      expect(await store.get('contract-a', 'elsewhere')).toBeUndefined();
    });

    it('keeps applications of the same name in different namespaces apart, listed by namespace then name', async () => {
      await store.upsert(app('contract-b', 'team-x'));
      await store.upsert(app('contract-b'));
      await store.upsert(app('contract-a'));
      const listed = (await store.list()).filter(a =>
        a.metadata.name.startsWith('contract-'),
      );
      expect(
        listed.map(a => `${a.metadata.namespace}/${a.metadata.name}`),
      ).toEqual([
        'argocd/contract-a',
        'argocd/contract-b',
        'team-x/contract-b',
      ]);
    });

    it('replaces status and operation on upsert, keeps uid, and changes resourceVersion', async () => {
      const first = await store.upsert(app('contract-c'));
      const second = await store.upsert({
        ...first,
        status: {
          sync: { status: 'Synced', revision: 'abc' },
          health: { status: 'Healthy' },
        },
        operation: {
          sync: { revision: 'abc' },
          initiatedBy: { username: 'admin' },
        },
      });
      expect(second.metadata.uid).toBe(first.metadata.uid);
      expect(second.metadata.resourceVersion).not.toBe(
        first.metadata.resourceVersion,
      );
      const read = await store.get('contract-c');
      expect(read?.status?.sync).toEqual({ status: 'Synced', revision: 'abc' });
      expect(read?.operation?.sync?.revision).toBe('abc');
      const third = await store.upsert({ ...read!, operation: undefined });
      expect(third.operation).toBeUndefined();
      expect((await store.get('contract-c'))?.operation).toBeUndefined();
    });

    it('returns copies: changing a returned object does not change the store', async () => {
      await store.upsert(app('contract-d'));
      const read = await store.get('contract-d');
      read!.metadata.labels!.changed = 'yes';
      expect(
        (await store.get('contract-d'))?.metadata.labels?.changed,
      ).toBeUndefined();
    });

    it('deletes, saying whether there was anything to delete', async () => {
      await store.upsert(app('contract-e'));
      expect(await store.delete('contract-e')).toBe(true);
      expect(await store.get('contract-e')).toBeUndefined();
      expect(await store.delete('contract-e')).toBe(false);
    });

    it('tells subscribers about every change in order, until they unsubscribe', async () => {
      const seen: string[] = [];
      const unsubscribe = store.subscribe((c: ApplicationChange) => {
        if (c.application.metadata.name === 'contract-f')
          seen.push(`${c.type}:${c.application.status?.sync?.status ?? '-'}`);
      });
      const created = await store.upsert(app('contract-f'));
      await store.upsert({
        ...created,
        status: { sync: { status: 'OutOfSync' } },
      });
      await store.delete('contract-f');
      const deadline = Date.now() + 5000;
      while (seen.length < 3 && Date.now() < deadline)
        await new Promise(r => setTimeout(r, 10));
      unsubscribe();
      await store.upsert(app('contract-f'));
      await new Promise(r => setTimeout(r, 50));
      expect(seen).toEqual([
        'ADDED:-',
        'MODIFIED:OutOfSync',
        'DELETED:OutOfSync',
      ]);
    });
  });
}
