import fs from 'node:fs';
import path from 'node:path';
import type { GitSources } from './git';
import { fetchHelmChart } from './helmRepository';
import { renderHelmChart } from './helmTemplate';
import { kustomizationFile, kustomizeBuild } from './kustomize';
import { readManifests, type Manifest } from './manifests';

type Source = Record<string, any>;

/** What an Application's sources render to, with the revision of each. */
export interface RenderedSources {
  /** The first source's revision (ArgoCD's `status.sync.revision`). */
  revision: string;
  /** One per source (`status.sync.revisions` for multi-source Applications). */
  revisions: string[];
  manifests: Manifest[];
  sourceType: 'Directory' | 'Helm' | 'Kustomize';
}

/** `spec.sources` when given, else `[spec.source]`. */
export function sourcesOf(app: Record<string, any>): Source[] {
  const many = app.spec?.sources;
  if (Array.isArray(many) && many.length > 0) return many;
  return app.spec?.source ? [app.spec.source] : [];
}

function inside(root: string, rel: string, what: string): string {
  const dir = path.resolve(root, rel);
  if (dir !== root && !dir.startsWith(`${root}${path.sep}`))
    throw new Error(`${what} "${rel}" points outside the repository`);
  return dir;
}

/**
 * Renders the sources of an Application as ArgoCD's repo-server does: git folders of plain
 * manifests, Kustomize folders, Helm chart folders (and charts from Helm repositories), several
 * sources at once with `ref` and `$<ref>/...` value files. `revisionOverride` applies to a single source.
 */
export async function renderSources(options: {
  app: Record<string, any>;
  git: GitSources;
  cacheDir: string;
  revisionOverride?: string;
  force: boolean;
}): Promise<RenderedSources> {
  const { app, git } = options;
  const sources = sourcesOf(app);
  if (sources.length === 0) throw new Error('spec.source.repoURL is required');
  const many = sources.length > 1;
  const label = (i: number, message: string) =>
    many
      ? `failed to generate manifest for source ${i + 1} of ${
          sources.length
        }: ${message}`
      : message;

  // Fetch every source first: `$ref/...` value files may name any of them.
  const fetched: Array<{ dir: string; revision: string; chart: boolean }> = [];
  for (const [i, source] of sources.entries()) {
    if (!source?.repoURL)
      throw new Error(label(i, 'spec.source.repoURL is required'));
    try {
      if (source.chart) {
        const dir = await fetchHelmChart(
          options.cacheDir,
          source.repoURL,
          source.chart,
          source.targetRevision,
        );
        fetched.push({
          dir,
          revision: source.targetRevision ?? '',
          chart: true,
        });
      } else {
        const revision =
          !many && options.revisionOverride
            ? options.revisionOverride
            : source.targetRevision;
        const out = await git.checkout(source.repoURL, revision, {
          force: options.force,
        });
        fetched.push({ dir: out.dir, revision: out.revision, chart: false });
      }
    } catch (e) {
      throw new Error(label(i, (e as Error).message));
    }
  }
  const refs = new Map<string, string>();
  sources.forEach((s, i) => {
    if (s.ref) refs.set(String(s.ref), fetched[i].dir);
  });

  const destNs = app.spec?.destination?.namespace || 'default';
  const manifests: Manifest[] = [];
  let sourceType: RenderedSources['sourceType'] = 'Directory';
  for (const [i, source] of sources.entries()) {
    // A source with only a `ref` provides files (value files) to the others.
    if (source.ref && !source.path && !source.chart) continue;
    const { dir: root, chart } = fetched[i];
    try {
      const dir = chart
        ? root
        : inside(root, source.path ?? '.', 'spec.source.path');
      const resolveValueFile = (file: string) => {
        const m = /^\$([^/]+)\/(.*)$/.exec(file);
        if (m) {
          const refRoot = refs.get(m[1]);
          if (!refRoot)
            throw new Error(`value file ${file}: no source has ref "${m[1]}"`);
          return inside(refRoot, m[2], 'value file');
        }
        return chart
          ? inside(dir, file, 'value file')
          : inside(root, path.join(source.path ?? '.', file), 'value file');
      };
      if (chart || fs.existsSync(path.join(dir, 'Chart.yaml'))) {
        sourceType = 'Helm';
        manifests.push(
          ...renderHelmChart(dir, {
            helm: source.helm ?? {},
            releaseName: app.metadata.name,
            namespace: destNs,
            resolveValueFile,
          }),
        );
      } else if (fs.existsSync(dir) && kustomizationFile(dir)) {
        sourceType = 'Kustomize';
        manifests.push(...kustomizeBuild(dir, root, source.path ?? '.'));
      } else {
        manifests.push(...readManifests(dir, source.path ?? '.'));
      }
    } catch (e) {
      throw new Error(label(i, (e as Error).message));
    }
  }
  const revisions = fetched.map(f => f.revision);
  return { revision: revisions[0], revisions, manifests, sourceType };
}
