import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  CONTROL_PLANE_NAMESPACE,
  type Application,
  type RevisionMetadata,
} from './types';
import type { ArgoCdObjectSeed } from './objectStore';

function readYaml(file: string): unknown {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), {
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    const line = doc.errors[0].linePos?.[0]?.line;
    throw new Error(
      `argocd seed ${file}${line ? ` line ${line}` : ''}: ${
        doc.errors[0].message.split('\n')[0]
      }`,
    );
  }
  return doc.toJS();
}

/**
 * Fills in what seed files leave out so that every seeded Application looks like one ArgoCD wrote:
 * namespace, history ids, each history entry's source and start time, the operation's initiator.
 */
export function normaliseApplication(
  input: Application,
  where: string,
): Application {
  const app = structuredClone(input);
  if (!app?.metadata?.name)
    throw new Error(`${where}: an application needs metadata.name`);
  if (!app.spec?.destination || typeof app.spec.project !== 'string') {
    throw new Error(
      `${where}: application "${app.metadata.name}" needs spec.project and spec.destination`,
    );
  }
  delete app.apiVersion;
  delete app.kind;
  app.metadata.namespace ??= CONTROL_PLANE_NAMESPACE;
  const history = app.status?.history ?? [];
  history.forEach((entry, i) => {
    entry.id ??= i;
    entry.source ??= app.spec.source && structuredClone(app.spec.source);
    if (!entry.deployStartedAt && entry.deployedAt) {
      entry.deployStartedAt = new Date(Date.parse(entry.deployedAt) - 45_000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
    }
    entry.initiatedBy ??= app.spec.syncPolicy?.automated
      ? { automated: true }
      : { username: 'admin' };
  });
  return app;
}

/** Reads the `applications:` list of seed files, in order. */
export function loadSeedApplications(files: string[]): Application[] {
  return files.flatMap(file => {
    const doc = readYaml(file) as { applications?: Application[] } | null;
    const apps = doc?.applications ?? [];
    if (!Array.isArray(apps))
      throw new Error(`argocd seed ${file}: "applications" must be a list`);
    return apps.map((app, i) =>
      normaliseApplication(
        app,
        `argocd seed ${path.basename(file)} applications[${i}]`,
      ),
    );
  });
}

/**
 * Reads the `projects:`, `clusters:` and `repositories:` lists of seed files, in order (what
 * ArgoCD keeps as AppProjects and labelled Secrets).
 */
export function loadSeedObjects(files: string[]): ArgoCdObjectSeed {
  const seed: ArgoCdObjectSeed = {
    projects: [],
    clusters: [],
    repositories: [],
  };
  for (const file of files) {
    const doc = (readYaml(file) ?? {}) as Record<string, unknown>;
    for (const key of ['projects', 'clusters', 'repositories'] as const) {
      const items = doc[key] ?? [];
      if (!Array.isArray(items))
        throw new Error(`argocd seed ${file}: "${key}" must be a list`);
      const required = {
        projects: 'metadata.name and spec',
        clusters: 'server',
        repositories: 'repo',
      }[key];
      items.forEach((item, i) => {
        const ok =
          key === 'projects'
            ? typeof item?.metadata?.name === 'string' && item.spec
            : typeof item?.[key === 'clusters' ? 'server' : 'repo'] ===
              'string';
        if (!ok)
          throw new Error(
            `argocd seed ${path.basename(
              file,
            )} ${key}[${i}]: needs ${required}`,
          );
      });
      (seed[key] as unknown[]).push(...items);
    }
  }
  return seed;
}

interface SeedRepository {
  heads?: Record<string, string>;
  tags?: Record<string, string>;
  commits?: Record<string, RevisionMetadata>;
}

const normaliseRepoUrl = (url: string) =>
  url
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .toLowerCase();

/**
 * What the stand-in knows of the source repositories (seeds/argocd/revisions.yaml): branch heads,
 * tags and commit metadata. Stands in for the repo-server's git access.
 */
export class RevisionCatalog {
  private readonly repos = new Map<string, SeedRepository>();

  constructor(repositories: Record<string, SeedRepository> = {}) {
    for (const [url, repo] of Object.entries(repositories))
      this.repos.set(normaliseRepoUrl(url), repo);
  }

  static load(file: string): RevisionCatalog {
    if (!fs.existsSync(file)) return new RevisionCatalog();
    const doc = readYaml(file) as {
      repositories?: Record<string, SeedRepository>;
    } | null;
    return new RevisionCatalog(doc?.repositories ?? {});
  }

  /** The repositories' URLs as the seeds spell them, with their commits oldest first. */
  repositories(): Array<{ url: string; commits: string[] }> {
    return [...this.repos.entries()].map(([url, repo]) => ({
      url,
      commits: Object.keys(repo.commits ?? {}),
    }));
  }

  /**
   * Renames commits of one repository (old SHA -> new SHA, with new metadata), moving branch heads
   * and tags along. Used to line the seeded history up with the commits the Forgejo stand-in built.
   */
  renameCommits(
    repoURL: string,
    renames: Map<string, { sha: string; metadata: RevisionMetadata }>,
  ): void {
    const repo = this.repos.get(normaliseRepoUrl(repoURL));
    if (!repo) return;
    const rename = (sha: string) => renames.get(sha)?.sha ?? sha;
    repo.commits = Object.fromEntries(
      Object.entries(repo.commits ?? {}).map(([sha, md]) => [
        rename(sha),
        renames.get(sha)?.metadata ?? md,
      ]),
    );
    for (const refs of [repo.heads, repo.tags]) {
      for (const [name, sha] of Object.entries(refs ?? {}))
        refs![name] = rename(sha);
    }
  }

  /** The full commit SHA a branch, tag, `HEAD` or (possibly abbreviated) SHA names, if known. */
  /** Branch and tag names of a seeded repository, or undefined when the catalog does not know it. */
  refs(repoURL: string): { branches: string[]; tags: string[] } | undefined {
    const repo = this.repos.get(normaliseRepoUrl(repoURL));
    return (
      repo && {
        branches: Object.keys(repo.heads ?? {}),
        tags: Object.keys(repo.tags ?? {}),
      }
    );
  }

  resolve(repoURL: string, revision: string | undefined): string | undefined {
    const repo = this.repos.get(normaliseRepoUrl(repoURL));
    if (!repo) return undefined;
    const ref = !revision || revision === 'HEAD' ? 'main' : revision;
    if (repo.heads?.[ref]) return repo.heads[ref];
    if (repo.tags?.[ref]) return repo.tags[ref];
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      return Object.keys(repo.commits ?? {}).find(sha =>
        sha.startsWith(ref.toLowerCase()),
      );
    }
    return undefined;
  }

  /** Metadata of one revision, with the tags currently pointing at it. */
  metadata(repoURL: string, revision: string): RevisionMetadata | undefined {
    const sha = this.resolve(repoURL, revision);
    const commit = sha
      ? this.repos.get(normaliseRepoUrl(repoURL))?.commits?.[sha]
      : undefined;
    if (!sha || !commit) return undefined;
    // Explicit tags on the commit win (see renameCommits); otherwise the tags pointing at it.
    const tags =
      commit.tags ??
      Object.entries(this.repos.get(normaliseRepoUrl(repoURL))?.tags ?? {})
        .filter(([, target]) => target === sha)
        .map(([tag]) => tag);
    return {
      author: commit.author,
      date: commit.date,
      message: commit.message,
      tags,
    };
  }
}
