import { diffManifests, normaliseManifest } from './manifestDiff';

describe('manifest diffs', () => {
  it('shows the drifted field as a removed git line and an added live line, the rest as context', () => {
    const desired = {
      kind: 'Deployment',
      spec: { replicas: 3, paused: false },
    };
    const live = { kind: 'Deployment', spec: { replicas: 1, paused: false } };
    const lines = diffManifests(desired, live);
    expect(lines.filter(l => l.op !== ' ')).toEqual([
      { op: '-', text: '    "replicas": 3,' },
      { op: '+', text: '    "replicas": 1,' },
    ]);
    expect(lines.filter(l => l.op === ' ').map(l => l.text.trim())).toContain(
      '"paused": false',
    );
  });

  it('drops what the server owns, so an unchanged object has no changed line', () => {
    const desired = normaliseManifest(
      JSON.stringify({ kind: 'Service', metadata: { name: 's' } }),
    );
    const live = normaliseManifest(
      JSON.stringify({
        kind: 'Service',
        metadata: {
          name: 's',
          uid: 'u-1',
          resourceVersion: '7',
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{}',
          },
        },
        status: { loadBalancer: {} },
      }),
    );
    expect(diffManifests(desired, live).every(l => l.op === ' ')).toBe(true);
  });

  it('shows a missing live object as every git line removed', () => {
    const lines = diffManifests(
      { kind: 'Deployment' },
      normaliseManifest('null'),
    );
    expect(lines.map(l => l.op)).toEqual(['-', '-', '-']);
  });
});
