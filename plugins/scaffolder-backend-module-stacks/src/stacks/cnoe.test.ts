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
const item = (manifest: Manifest, file = 'stack/a.yaml') => ({
  manifest,
  where: `stack file ${file}`,
  file,
});

describe('cnoe:// handling', () => {
  it('resolves folders against the file, inside the stacks repository root, and refuses the ones that leave it', () => {
    expect(
      resolveCnoeDir('cnoe://argo-workflows/manifests/', 'stack', 'x'),
    ).toBe('stack/argo-workflows/manifests');
    expect(resolveCnoeDir('cnoe://./a/../b', 'stack', 'x')).toBe('stack/b');
    expect(resolveCnoeDir('cnoe://../common/base', 'stack', 'x')).toBe(
      'common/base',
    );
    expect(() =>
      resolveCnoeDir('cnoe://../secrets', '', 'stack file a.yaml'),
    ).toThrow(
      /stack file a.yaml: cnoe:\/\/\.\.\/secrets points outside the stack folder/,
    );
    expect(() => resolveCnoeDir('cnoe://a/../../../etc', 'stack', 'x')).toThrow(
      /outside/,
    );
    expect(() => resolveCnoeDir('cnoe:///etc', 'stack', 'x')).toThrow(
      /outside/,
    );
  });

  it('finds each folder once, across single- and multi-source Applications, named relative to the stack folder', () => {
    const multi = app('b', 'https://example.com/other.git');
    (multi as any).spec.sources = [
      { repoURL: 'cnoe://shared' },
      { repoURL: 'cnoe://b' },
      { repoURL: 'cnoe://../common/base' },
    ];
    const sources = findLocalSources('demo', 'stack', [
      item(app('a', 'cnoe://shared')),
      item(multi, 'stack/b.yaml'),
    ]);
    expect(sources).toEqual([
      { dir: 'shared', rootDir: 'stack/shared', repoName: 'demo-shared' },
      { dir: 'b', rootDir: 'stack/b', repoName: 'demo-b' },
      {
        dir: '../common/base',
        rootDir: 'common/base',
        repoName: 'demo-common-base',
      },
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
    const prepared = prepareManifest(item(original), {
      cloneUrlFor: dir => `http://git/platform/${dir.replace('/', '-')}.git`,
      labels: { 'edp.io/stack': 'demo' },
      namespace: 'argocd',
    });
    expect((prepared as any).spec.source.repoURL).toBe(
      'http://git/platform/stack-a.git',
    );
    expect(prepared.metadata).toEqual({
      name: 'a',
      namespace: 'argocd',
      labels: { env: 'dev', 'edp.io/stack': 'demo' },
    });
    expect((original as any).spec.source.repoURL).toBe('cnoe://a');
  });

  it('rewrites cnoe:// in ApplicationSet templates and in git, list and matrix generators, and labels generated Applications', () => {
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'set' },
      spec: {
        generators: [
          { git: { repoURL: 'cnoe://apps', directories: [{ path: '*' }] } },
          { list: { elements: [{ name: 'x', url: 'cnoe://apps' }] } },
          {
            matrix: {
              generators: [
                {
                  git: { repoURL: 'cnoe://envs', directories: [{ path: '*' }] },
                },
                { list: { elements: [{ cluster: 'in-cluster' }] } },
              ],
            },
          },
        ],
        template: { spec: { source: { repoURL: 'cnoe://apps' } } },
      },
    } as unknown as Manifest;
    expect(
      findLocalSources('s', 'stack', [item(set)]).map(s => s.rootDir),
    ).toEqual(['stack/apps', 'stack/envs']);
    const prepared: any = prepareManifest(item(set), {
      cloneUrlFor: dir => `http://git/${dir}.git`,
      labels: { 'edp.io/stack': 's' },
      namespace: 'argocd',
    });
    expect(prepared.spec.template.metadata.labels).toEqual({
      'edp.io/stack': 's',
    });
    expect(prepared.spec.generators[0].git.repoURL).toBe(
      'http://git/stack/apps.git',
    );
    expect(prepared.spec.generators[1].list.elements[0].url).toBe(
      'http://git/stack/apps.git',
    );
    expect(prepared.spec.generators[2].matrix.generators[0].git.repoURL).toBe(
      'http://git/stack/envs.git',
    );
    expect(prepared.spec.template.spec.source.repoURL).toBe(
      'http://git/stack/apps.git',
    );
  });
});
