import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Relative path (with `/`) → content, for one folder, without `.git`. */
export type FileTree = Map<string, Buffer>;

/** Reads every file under `dir` (recursively, skipping `.git`). */
export async function readFileTree(dir: string): Promise<FileTree> {
  const tree: FileTree = new Map();
  const walk = async (sub: string) => {
    const entries = await fs.readdir(path.join(dir, sub), {
      withFileTypes: true,
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.git') continue;
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile())
        tree.set(rel, await fs.readFile(path.join(dir, rel)));
    }
  };
  await walk('');
  return tree;
}

/** Writes a tree into an empty (or to-be-synchronised) folder. */
export async function writeFileTree(dir: string, tree: FileTree) {
  for (const [rel, content] of tree) {
    const file = path.join(dir, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

/** A stable hash of a tree's paths and contents, used in checkpoint keys. */
export function hashFileTree(tree: FileTree): string {
  const hash = crypto.createHash('sha256');
  for (const rel of [...tree.keys()].sort()) {
    hash.update(rel).update('\0').update(tree.get(rel)!).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export function sameFileTree(a: FileTree, b: FileTree): boolean {
  if (a.size !== b.size) return false;
  for (const [rel, content] of a) {
    const other = b.get(rel);
    if (!other || !other.equals(content)) return false;
  }
  return true;
}

/** The subtree under `prefix/` (re-rooted), e.g. a `cnoe://` folder of a stack. */
export function subTree(tree: FileTree, prefix: string): FileTree {
  const out: FileTree = new Map();
  const p = prefix.replace(/\/+$/, '');
  for (const [rel, content] of tree) {
    if (p === '') out.set(rel, content);
    else if (rel.startsWith(`${p}/`)) out.set(rel.slice(p.length + 1), content);
  }
  return out;
}
