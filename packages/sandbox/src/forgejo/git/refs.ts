import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads branch heads straight from a bare repository's files (loose refs, then packed-refs), so that
 * listing fifty repositories does not spawn fifty git processes.
 */
export function readBranchHeads(gitDir: string): Map<string, string> {
  const heads = new Map<string, string>();
  try {
    for (const line of fs
      .readFileSync(path.join(gitDir, 'packed-refs'), 'utf8')
      .split('\n')) {
      const match = /^([0-9a-f]{40,64}) refs\/heads\/(.+)$/.exec(line);
      if (match) heads.set(match[2], match[1]);
    }
  } catch {
    // no packed refs
  }
  const walk = (dir: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), name);
      else
        heads.set(name, fs.readFileSync(path.join(dir, e.name), 'utf8').trim());
    }
  };
  walk(path.join(gitDir, 'refs', 'heads'), '');
  return heads;
}

/** Bytes used by the repository on disk, in KiB as Forgejo reports `size`. */
export function repositorySizeKiB(gitDir: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else total += fs.statSync(path.join(dir, e.name)).size;
    }
  };
  try {
    walk(path.join(gitDir, 'objects'));
  } catch {
    return 0;
  }
  return Math.ceil(total / 1024);
}

/** Points HEAD of a bare repository at `branch`, the way Forgejo does when the default branch changes. */
export function setHead(gitDir: string, branch: string): void {
  fs.writeFileSync(path.join(gitDir, 'HEAD'), `ref: refs/heads/${branch}\n`);
}
