import { manifestsFromInput, parseManifests } from './manifests';

const source = { label: 'input "manifests"' };

describe('parseManifests', () => {
  it('reads several documents, skipping empty ones and flattening lists', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
      '',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: b',
      '',
    ].join('\n---\n');
    expect(
      parseManifests(text, source).map(m => `${m.kind}/${m.metadata.name}`),
    ).toEqual(['Namespace/shop', 'ConfigMap/a', 'ConfigMap/b']);
  });

  it('names the document and line of a YAML syntax error', () => {
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n';
    expect(() => parseManifests(text, source)).toThrow(
      /document 2 \(line \d+\)/,
    );
  });

  it('names the document missing a kind', () => {
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nmetadata:\n  name: x\n';
    expect(() => parseManifests(text, source)).toThrow(
      /document 2 \(line 6\).*"kind" is missing/,
    );
  });

  it('rejects an object without a name', () => {
    expect(() =>
      manifestsFromInput({ apiVersion: 'v1', kind: 'ConfigMap' }, source),
    ).toThrow(/item 1: v1\/ConfigMap has no metadata.name/);
  });
});
