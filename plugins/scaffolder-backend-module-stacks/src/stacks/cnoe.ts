import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { Manifest } from '../kubernetes/manifests';

export const CNOE_SCHEME = 'cnoe://';

/** One `cnoe://<dir>` source of a stack and the repository it is pushed to. */
export interface LocalSource {
  /** Folder relative to the stack folder, normalised (`argo-workflows/manifests`, `../common/base`). */
  dir: string;
  /** The same folder relative to the stacks repository root (where its files are read). */
  rootDir: string;
  repoName: string;
}

/** A place in a manifest that may hold a `cnoe://` URL. */
interface UrlSlot {
  get(): unknown;
  set(value: string): void;
}

const slot = (holder: Record<string, any>, key: string): UrlSlot => ({
  get: () => holder[key],
  set: v => {
    holder[key] = v;
  },
});

/** Generators of an ApplicationSet, including those nested in matrix and merge generators. */
function generatorSlots(generators: any[]): UrlSlot[] {
  const slots: UrlSlot[] = [];
  for (const generator of generators ?? []) {
    if (generator?.git) slots.push(slot(generator.git, 'repoURL'));
    for (const element of generator?.list?.elements ?? []) {
      if (element && typeof element === 'object')
        for (const key of Object.keys(element)) slots.push(slot(element, key));
    }
    for (const nested of ['matrix', 'merge'])
      slots.push(...generatorSlots(generator?.[nested]?.generators));
  }
  return slots;
}

/**
 * Where `cnoe://` URLs live, as idpbuilder looks for them: an Application's `source` and `sources[]`;
 * an ApplicationSet's template sources and its git generators (also inside matrix and merge
 * generators) and list generator elements.
 */
function urlSlots(manifest: Manifest): UrlSlot[] {
  const spec = (manifest as any).spec ?? {};
  const holders: any[] = [];
  if (manifest.kind === 'Application') holders.push(spec);
  const slots: UrlSlot[] = [];
  if (manifest.kind === 'ApplicationSet') {
    holders.push(spec.template?.spec ?? {});
    slots.push(...generatorSlots(spec.generators));
  }
  for (const h of holders)
    for (const source of [h.source, ...(h.sources ?? [])])
      if (source && typeof source === 'object')
        slots.push(slot(source, 'repoURL'));
  return slots;
}

const isCnoe = (v: unknown): v is string =>
  typeof v === 'string' && v.startsWith(CNOE_SCHEME);

/**
 * Resolves a `cnoe://` URL against the folder of the file that holds it (`fileDir`, relative to the
 * stacks repository root), as idpbuilder does. The result must stay inside the repository root:
 * `cnoe://../base` from a stack is fine, `cnoe://../../etc` from a top-level stack is refused.
 */
export function resolveCnoeDir(
  repoURL: string,
  fileDir: string,
  where: string,
): string {
  const raw = repoURL.slice(CNOE_SCHEME.length);
  const normalised = path.posix
    .normalize(path.posix.join(fileDir || '.', raw || '.'))
    .replace(/\/+$/, '');
  if (
    path.posix.isAbsolute(raw) ||
    normalised === '..' ||
    normalised.startsWith('../')
  ) {
    throw new InputError(
      `${where}: ${repoURL} points outside the stack folder and its stacks repository root; cnoe:// paths must stay inside the repository`,
    );
  }
  return normalised === '.' ? '' : normalised;
}

/** Repository name for a folder: `<stack>-<folder with / as ->`, as Forgejo allows. */
export function repoNameFor(stackName: string, dir: string): string {
  const slug = (dir || 'root')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `${stackName}-${slug || 'root'}`.slice(0, 100);
}

/** A stack's Application or ApplicationSet, and the file it came from (relative to the repository root). */
export interface StackManifest {
  manifest: Manifest;
  where: string;
  file: string;
}

const fileDirOf = (file: string) => {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
};

/** Every distinct `cnoe://` folder the manifests use; `stackDir` is the stack folder within the repository. */
export function findLocalSources(
  stackName: string,
  stackDir: string,
  manifests: StackManifest[],
): LocalSource[] {
  const byDir = new Map<string, LocalSource>();
  for (const { manifest, where, file } of manifests) {
    for (const s of urlSlots(manifest)) {
      const url = s.get();
      if (!isCnoe(url)) continue;
      const rootDir = resolveCnoeDir(url, fileDirOf(file), where);
      if (byDir.has(rootDir)) continue;
      const dir = path.posix.relative(stackDir || '.', rootDir || '.');
      byDir.set(rootDir, {
        dir,
        rootDir,
        repoName: repoNameFor(stackName, dir),
      });
    }
  }
  return [...byDir.values()];
}

/**
 * Returns a copy of the manifest with `cnoe://` URLs replaced by clone URLs, the stack label
 * stamped on it (and on an ApplicationSet's template), and its namespace set.
 */
export function prepareManifest(
  item: StackManifest,
  options: {
    cloneUrlFor: (rootDir: string) => string;
    labels: Record<string, string>;
    namespace: string;
  },
): Manifest {
  const copy: Manifest = JSON.parse(JSON.stringify(item.manifest));
  for (const s of urlSlots(copy)) {
    const url = s.get();
    if (isCnoe(url))
      s.set(
        options.cloneUrlFor(
          resolveCnoeDir(url, fileDirOf(item.file), item.where),
        ),
      );
  }
  copy.metadata.namespace = options.namespace;
  copy.metadata.labels = { ...(copy.metadata.labels ?? {}), ...options.labels };
  if (copy.kind === 'ApplicationSet') {
    const template = ((copy as any).spec.template ??= {});
    template.metadata ??= {};
    template.metadata.labels = {
      ...(template.metadata.labels ?? {}),
      ...options.labels,
    };
  }
  return copy;
}
