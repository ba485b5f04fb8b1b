import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { Manifest } from '../kubernetes/manifests';

export const CNOE_SCHEME = 'cnoe://';

/** One `cnoe://<dir>` source of a stack and the repository it is pushed to. */
export interface LocalSource {
  /** Folder relative to the stack root, normalised (`argo-workflows/manifests`). */
  dir: string;
  repoName: string;
}

/** Where repoURLs live in Applications and ApplicationSets (single and multi-source). */
function sourcesOf(manifest: Manifest): Array<{ repoURL?: string }> {
  const spec = (manifest as any).spec ?? {};
  const holders: any[] = [];
  if (manifest.kind === 'Application') holders.push(spec);
  if (manifest.kind === 'ApplicationSet') {
    holders.push(spec.template?.spec ?? {});
    for (const generator of spec.generators ?? [])
      if (generator.git) holders.push({ source: generator.git });
  }
  return holders.flatMap(h => [h.source, ...(h.sources ?? [])]).filter(Boolean);
}

/**
 * Resolves a `cnoe://` URL against the stack folder. Paths that leave the stack folder
 * (`cnoe://../secrets`, absolute paths) are refused, as they would push files from outside it.
 */
export function resolveCnoeDir(repoURL: string, where: string): string {
  const raw = repoURL.slice(CNOE_SCHEME.length);
  const normalised = path.posix.normalize(raw || '.').replace(/\/+$/, '');
  if (
    path.posix.isAbsolute(raw) ||
    normalised === '..' ||
    normalised.startsWith('../')
  ) {
    throw new InputError(
      `${where}: ${repoURL} points outside the stack folder; cnoe:// paths must stay inside it`,
    );
  }
  return normalised === '.' ? '' : normalised;
}

/** Repository name for a folder: `<stack>-<folder with / as ->`, as Forgejo allows. */
export function repoNameFor(stackName: string, dir: string): string {
  const slug = (dir || 'root')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stackName}-${slug}`.slice(0, 100);
}

/** Every distinct `cnoe://` folder the manifests use. */
export function findLocalSources(
  stackName: string,
  manifests: Array<{ manifest: Manifest; where: string }>,
): LocalSource[] {
  const byDir = new Map<string, LocalSource>();
  for (const { manifest, where } of manifests) {
    for (const source of sourcesOf(manifest)) {
      if (!source.repoURL?.startsWith(CNOE_SCHEME)) continue;
      const dir = resolveCnoeDir(source.repoURL, where);
      if (!byDir.has(dir))
        byDir.set(dir, { dir, repoName: repoNameFor(stackName, dir) });
    }
  }
  return [...byDir.values()];
}

/**
 * Returns a copy of the manifest with `cnoe://` repoURLs replaced by clone URLs, the stack label
 * stamped on it (and on an ApplicationSet's template), and its namespace set.
 */
export function prepareManifest(
  manifest: Manifest,
  options: {
    cloneUrlFor: (dir: string) => string;
    labels: Record<string, string>;
    namespace: string;
    where: string;
  },
): Manifest {
  const copy: Manifest = JSON.parse(JSON.stringify(manifest));
  for (const source of sourcesOf(copy)) {
    if (source.repoURL?.startsWith(CNOE_SCHEME)) {
      source.repoURL = options.cloneUrlFor(
        resolveCnoeDir(source.repoURL, options.where),
      );
    }
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
