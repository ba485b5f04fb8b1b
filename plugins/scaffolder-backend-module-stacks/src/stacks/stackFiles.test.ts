import {
  hashFileTree,
  sameFileTree,
  subTree,
  substituteValues,
} from './stackFiles';

const tree = (files: Record<string, string>) =>
  new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));

describe('stack files', () => {
  it('substitutes values in YAML files only', () => {
    const out = substituteValues(
      tree({
        'a.yaml': 'host: ${{ values.domain }}\n',
        'b.sh': 'echo ${{ values.domain }}',
      }),
      { domain: 'shop.local' },
      rel => rel,
    );
    expect(out.get('a.yaml')!.toString()).toBe('host: shop.local\n');
    expect(out.get('b.sh')!.toString()).toBe('echo ${{ values.domain }}');
  });

  it('uses the default of a placeholder when no value is given', () => {
    const out = substituteValues(
      tree({
        'a.yaml':
          'a: ${{ values.x | default("one") }}\nb: ${{ values.y|default(\'two\') }}\n',
      }),
      { y: 'given' },
      rel => rel,
    );
    expect(out.get('a.yaml')!.toString()).toBe('a: one\nb: given\n');
  });

  it('names the file, line and key of a missing value', () => {
    expect(() =>
      substituteValues(
        tree({ 'apps/x.yaml': 'a: 1\nb: ${{ values.missing }}\n' }),
        { other: 'x' },
        rel => `stack file ${rel}`,
      ),
    ).toThrow(
      /stack file apps\/x.yaml line 2 uses \$\{\{ values.missing \}\}.*known values: other/,
    );
  });

  it('re-roots a sub folder', () => {
    const sub = subTree(
      tree({ 'a/b/c.yaml': '1', 'a/d.yaml': '2', 'ab/e.yaml': '3' }),
      'a',
    );
    expect([...sub.keys()]).toEqual(['b/c.yaml', 'd.yaml']);
  });

  it('compares and hashes trees by content', () => {
    const a = tree({ 'x.yaml': '1', 'y.yaml': '2' });
    const b = tree({ 'y.yaml': '2', 'x.yaml': '1' });
    expect(sameFileTree(a, b)).toBe(true);
    expect(hashFileTree(a)).toBe(hashFileTree(b));
    const c = tree({ 'x.yaml': '1', 'y.yaml': '3' });
    expect(sameFileTree(a, c)).toBe(false);
    expect(hashFileTree(a)).not.toBe(hashFileTree(c));
  });
});
