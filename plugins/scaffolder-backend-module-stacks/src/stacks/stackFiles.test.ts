import { hashFileTree, sameFileTree, subTree } from './stackFiles';

const tree = (files: Record<string, string>) =>
  new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));

describe('stack files', () => {
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
