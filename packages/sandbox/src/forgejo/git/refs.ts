import fs from 'node:fs';
import path from 'node:path';

/** Branch heads read per repository, with the stamps of the files they were read from. */
const headsRead = new Map<
  string,
  { stamps: string; heads: Map<string, string> }
>();
/**
 * File times come from the kernel's coarse clock (a few ms behind); a ref file changed less than
 * this long before a read could change again with the same time, so such a read is not kept.
 */
const RACY_MS = 20;

/** Inode and modification time of each path ('-' when missing). */
function stampsOf(paths: string[]): { stamps: string; newestMs: number } {
  let newestMs = 0;
  const stamps = paths.map(p => {
    try {
      const stat = fs.statSync(p, { bigint: true });
      newestMs = Math.max(newestMs, Number(stat.mtimeNs / 1_000_000n));
      return `${stat.ino}:${stat.mtimeNs}`;
    } catch {
      return '-';
    }
  });
  return { stamps: stamps.join(' '), newestMs };
}

/**
 * Reads branch heads straight from a bare repository's files (loose refs, then packed-refs), so that
 * listing fifty repositories does not spawn fifty git processes. A repository read before is read
 * again only when packed-refs or the refs/heads folder changed (git writes a ref through a lock
 * file renamed into that folder, so its time changes): two stat calls instead of reading every ref.
 */
export function readBranchHeads(gitDir: string): Map<string, string> {
  const watched = [
    path.join(gitDir, 'packed-refs'),
    path.join(gitDir, 'refs', 'heads'),
  ];
  const readAt = Date.now();
  const { stamps, newestMs } = stampsOf(watched);
  const known = headsRead.get(gitDir);
  if (known?.stamps === stamps) return new Map(known.heads);
  let nested = false;
  const heads = readHeadFiles(gitDir, () => {
    nested = true;
  });
  // Branch names with a slash live in sub-folders, whose changes the stamps do not see.
  if (!nested && newestMs < readAt - RACY_MS)
    headsRead.set(gitDir, { stamps, heads: new Map(heads) });
  else headsRead.delete(gitDir);
  return heads;
}

function readHeadFiles(
  gitDir: string,
  onSubFolder: () => void,
): Map<string, string> {
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
      if (e.isDirectory()) {
        onSubFolder();
        walk(path.join(dir, e.name), name);
      } else
        heads.set(name, fs.readFileSync(path.join(dir, e.name), 'utf8').trim());
    }
  };
  walk(path.join(gitDir, 'refs', 'heads'), '');
  return heads;
}

/** Sizes measured per repository, with the branch heads they were measured at. */
const sizes = new Map<string, { heads: string; kib: number }>();

/**
 * Bytes used by the repository on disk, in KiB as Forgejo reports `size`. Like Forgejo, which
 * updates it after a push rather than at every read, it is measured again only when a branch head
 * moved (`heads` as readBranchHeads gives them): a listing of many repositories then walks no
 * object folder it walked before.
 */
export function repositorySizeKiB(
  gitDir: string,
  heads: Map<string, string> = readBranchHeads(gitDir),
): number {
  const signature = JSON.stringify([...heads]);
  const known = sizes.get(gitDir);
  if (known?.heads === signature) return known.kib;
  const kib = measureSizeKiB(gitDir);
  sizes.set(gitDir, { heads: signature, kib });
  return kib;
}

function measureSizeKiB(gitDir: string): number {
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
