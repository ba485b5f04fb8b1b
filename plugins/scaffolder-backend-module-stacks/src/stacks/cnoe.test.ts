import {
  findLocalSources,
  prepareManifest,
  repoNameFor,
  resolveCnoeDir,
} from './cnoe';
import type { Manifest } from '../kubernetes/manifests';

const app = (name: string, repoURL: string): Manifest =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, labels: { env: 'dev' } },
    spec: {
      source: { repoURL, path: '.', targetRevision: 'HEAD' },
      destination: { namespace: name },
    },
  } as Manifest);

describe('cnoe:// handling', () => {
  it('resolves folders inside the stack and refuses the ones that leave it', () => {
    expect(resolveCnoeDir('cnoe://argo-workflows/manifests/', 'x')).toBe(
      'argo-workflows/manifests',
    );
    expect(resolveCnoeDir('cnoe://./a/../b', 'x')).toBe('b');
    expect(() =>
      resolveCnoeDir('cnoe://../secrets', 'stack file a.yaml'),
    ).toThrow(
      /stack file a.yaml: cnoe:\/\/\.\.\/secrets points outside the stack folder/,
    );
    expect(() => resolveCnoeDir('cnoe://a/../../etc', 'x')).toThrow(/outside/);
    expect(() => resolveCnoeDir('cnoe:///etc', 'x')).toThrow(/outside/);
  });

  it('finds each folder once, across single- and multi-source Applications', () => {
    const multi = app('b', 'https://example.com/other.git');
    (multi as any).spec.sources = [
      { repoURL: 'cnoe://shared' },
      { repoURL: 'cnoe://b' },
    ];
    const sources = findLocalSources('demo', [
      { manifest: app('a', 'cnoe://shared'), where: 'a' },
      { manifest: multi, where: 'b' },
    ]);
    expect(sources).toEqual([
      { dir: 'shared', repoName: 'demo-shared' },
      { dir: 'b', repoName: 'demo-b' },
    ]);
  });

  it('names repositories after the stack and the folder', () => {
    expect(repoNameFor('ref', 'argo-workflows/manifests')).toBe(
      'ref-argo-workflows-manifests',
    );
    expect(repoNameFor('ref', 'Weird Name!')).toBe('ref-weird-name');
  });

  it('rewrites repoURL, stamps the stack label and sets the namespace, leaving the input untouched', () => {
    const original = app('a', 'cnoe://a');
    const prepared = prepareManifest(original, {
      cloneUrlFor: dir => `http://git/platform/demo-${dir}.git`,
      labels: { 'edp.io/stack': 'demo' },
      namespace: 'argocd',
      where: 'a',
    });
    expect((prepared as any).spec.source.repoURL).toBe(
      'http://git/platform/demo-a.git',
    );
    expect(prepared.metadata).toEqual({
      name: 'a',
      namespace: 'argocd',
      labels: { env: 'dev', 'edp.io/stack': 'demo' },
    });
    expect((original as any).spec.source.repoURL).toBe('cnoe://a');
  });

  it('labels the Applications an ApplicationSet generates', () => {
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'set' },
      spec: {
        generators: [{ git: { repoURL: 'cnoe://apps' } }],
        template: { spec: { source: { repoURL: 'cnoe://apps' } } },
      },
    } as unknown as Manifest;
    const prepared: any = prepareManifest(set, {
      cloneUrlFor: () => 'http://git/x.git',
      labels: { 'edp.io/stack': 's' },
      namespace: 'argocd',
      where: 'set',
    });
    expect(prepared.spec.template.metadata.labels).toEqual({
      'edp.io/stack': 's',
    });
    expect(prepared.spec.generators[0].git.repoURL).toBe('http://git/x.git');
    expect(prepared.spec.template.spec.source.repoURL).toBe('http://git/x.git');
  });
});
