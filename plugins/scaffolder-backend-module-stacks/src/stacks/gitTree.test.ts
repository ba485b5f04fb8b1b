import { execFileSync } from 'node:child_process';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { gitTreeSha } from './gitTree';

describe('gitTreeSha', () => {
  const dir = createMockDirectory();

  it('matches the tree id git computes, nested folders and sort order included', () => {
    const files: Record<string, string> = {
      'a.yaml': 'a: 1\n',
      'a-b.yaml': 'x\n',
      'a/b.yaml': 'nested\n',
      'a/c/d.yaml': 'deeper\n',
      'z.json': '{}',
    };
    dir.setContent(files);
    execFileSync('git', ['init', '-q'], { cwd: dir.path });
    execFileSync('git', ['add', '.'], { cwd: dir.path });
    const expected = execFileSync('git', ['write-tree'], { cwd: dir.path })
      .toString()
      .trim();
    const tree = new Map(
      Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]),
    );
    expect(gitTreeSha(tree)).toBe(expected);
  });
});
