import { KubeApiError } from '../api/errors';
import { listKeysOf } from '../builtin/listTypes';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('mergePatch (RFC 7386)', () => {
  it('merges maps, deletes on null and replaces lists whole', () => {
    const target = { a: { b: 1, c: 2 }, list: [1, 2, 3], keep: true };
    expect(mergePatch(target, { a: { b: null, d: 4 }, list: [9] })).toEqual({
      a: { c: 2, d: 4 },
      list: [9],
      keep: true,
    });
    expect(target.a).toEqual({ b: 1, c: 2 });
  });
});

describe('strategicMergePatch', () => {
  const serviceKeys = listKeysOf({ rootName: 'io.k8s.api.core.v1.Service' });
  const mergeKey = (path: string[]) => serviceKeys(path)?.[0];
  const service = {
    spec: {
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
    },
  };

  it('merges Service ports on their merge key (port), as kubectl apply sends them', () => {
    // What kubectl apply sends when only one port's targetPort changed.
    const out = strategicMergePatch(
      service,
      {
        $setElementOrder: {},
        spec: { ports: [{ port: 80, targetPort: 8081 }] },
      },
      mergeKey,
    );
    expect(out).toEqual({
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 8081, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      },
    });
  });

  it('removes an item for a $patch: delete directive and appends new ones', () => {
    const out = strategicMergePatch(
      service,
      {
        spec: {
          ports: [
            { $patch: 'delete', port: 9090 },
            { name: 'https', port: 443 },
          ],
        },
      },
      mergeKey,
    ) as typeof service;
    expect(out.spec.ports.map(p => p.port)).toEqual([80, 443]);
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = {
    spec: { replicas: 1, ports: [{ port: 80 }] },
    metadata: { labels: { 'app.kubernetes.io/name': 'x' } },
  };

  it('adds, replaces, removes, moves and copies, with ~1 escapes', () => {
    const out = jsonPatch(doc, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/ports/-', value: { port: 443 } },
      { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/minReplicas' },
      { op: 'move', from: '/spec/minReplicas', path: '/spec/maxReplicas' },
      { op: 'test', path: '/spec/maxReplicas', value: 3 },
    ]);
    expect(out).toEqual({
      spec: {
        replicas: 3,
        maxReplicas: 3,
        ports: [{ port: 80 }, { port: 443 }],
      },
      metadata: { labels: {} },
    });
  });

  it('fails a test operation with 422 and a missing path with 400, naming the path', () => {
    const failedTest = (() => {
      try {
        jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 2 }]);
      } catch (e) {
        return e as KubeApiError;
      }
      return undefined;
    })();
    expect(failedTest?.code).toBe(422);
    expect(() =>
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/missing/deeper', value: 1 },
      ]),
    ).toThrow('"/spec/missing/deeper" does not exist');
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow(
      'must be a list of operations',
    );
  });
});
