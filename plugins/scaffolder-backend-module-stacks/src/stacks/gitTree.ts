import crypto from 'node:crypto';
import type { FileTree } from './stackFiles';

function objectId(type: 'blob' | 'tree', body: Buffer): Buffer {
  return crypto
    .createHash('sha1')
    .update(`${type} ${body.length}\0`)
    .update(body)
    .digest();
}

interface Dir {
  files: Map<string, Buffer>;
  dirs: Map<string, Dir>;
}

function treeId(dir: Dir): Buffer {
  const entries: Array<{ sortKey: string; bytes: Buffer }> = [];
  for (const [name, content] of dir.files) {
    const header = Buffer.from(`100644 ${name}\0`);
    entries.push({
      sortKey: name,
      bytes: Buffer.concat([header, objectId('blob', content)]),
    });
  }
  for (const [name, sub] of dir.dirs) {
    const header = Buffer.from(`40000 ${name}\0`);
    // git sorts a directory as if its name ended with "/".
    entries.push({
      sortKey: `${name}/`,
      bytes: Buffer.concat([header, treeId(sub)]),
    });
  }
  entries.sort((a, b) =>
    Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)),
  );
  return objectId('tree', Buffer.concat(entries.map(e => e.bytes)));
}

/**
 * The git tree id `git write-tree` would give these files (all mode 100644). Comparing it with
 * the tree of a branch's head tells, without a clone, that a repository already holds a folder.
 */
export function gitTreeSha(tree: FileTree): string {
  const root: Dir = { files: new Map(), dirs: new Map() };
  for (const [rel, content] of tree) {
    const parts = rel.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      if (!dir.dirs.has(part))
        dir.dirs.set(part, { files: new Map(), dirs: new Map() });
      dir = dir.dirs.get(part)!;
    }
    dir.files.set(parts[parts.length - 1], content);
  }
  return treeId(root).toString('hex');
}
