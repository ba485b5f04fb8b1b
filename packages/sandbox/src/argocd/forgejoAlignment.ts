import type { RevisionCatalog } from './seeds';
import type { Application, RevisionMetadata } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const isoSeconds = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

interface ForgejoCommit {
  sha: string;
  commit?: {
    message?: string;
    author?: { name?: string; email?: string; date?: string };
  };
}

/** `http://host:port/platform/web-shop.git` -> `platform/web-shop`. */
function repoSlug(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(\.git)?\/?$/i.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Replaces every string in `value` that is a key of `renames` (revisions in status, operation, history). */
function renameStrings(value: unknown, renames: Map<string, string>): unknown {
  if (typeof value === 'string') return renames.get(value) ?? value;
  if (Array.isArray(value)) return value.map(v => renameStrings(v, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renameStrings(v, renames)]),
    );
  }
  return value;
}

/**
 * The Forgejo stand-in builds its repositories at start, so its commit SHAs differ from run to run.
 * This lines the ArgoCD seeds up with them: the newest seeded commit of each repository becomes
 * Forgejo's newest commit on the default branch, the one before it the one before, and so on, taking
 * author, date and message from Forgejo. Seeded commits older than Forgejo's history keep their
 * made-up SHAs. The result: the revisions the cards link to exist in Forgejo.
 * Returns the applications with their revisions renamed; the catalog is renamed in place.
 */
export async function alignWithForgejo(options: {
  forgejoUrl: string;
  token?: string;
  catalog: RevisionCatalog;
  applications: Application[][];
  log(message: string): void;
  now?: () => number;
}): Promise<Application[][]> {
  const renames = new Map<string, string>();
  for (const repo of options.catalog.repositories()) {
    const slug = repoSlug(repo.url);
    if (!slug) continue;
    let commits: ForgejoCommit[];
    try {
      const res = await fetch(
        `${options.forgejoUrl}/api/v1/repos/${slug}/commits?limit=50&stat=false&verification=false&files=false`,
        {
          headers: options.token
            ? { authorization: `token ${options.token}` }
            : {},
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (!res.ok) {
        options.log(
          `not aligning ${slug} with Forgejo: ${res.status} from its commits API`,
        );
        continue;
      }
      commits = (await res.json()) as ForgejoCommit[];
    } catch (e) {
      options.log(`not aligning ${slug} with Forgejo: ${(e as Error).message}`);
      continue;
    }
    const ours = [...repo.commits].reverse();
    const repoRenames = new Map<
      string,
      { sha: string; metadata: RevisionMetadata }
    >();
    ours.slice(0, commits.length).forEach((sha, i) => {
      const theirs = commits[i];
      const author = theirs.commit?.author;
      repoRenames.set(sha, {
        sha: theirs.sha,
        metadata: {
          author: author?.email
            ? `${author.name} <${author.email}>`
            : author?.name,
          date: author?.date,
          message: theirs.commit?.message?.trim(),
          // The seeds' release tags do not exist in Forgejo; they still resolve, but are not shown.
          tags: [],
        },
      });
      renames.set(sha, theirs.sha);
    });
    // Seeded commits older than Forgejo's history keep their SHAs but move before its oldest commit,
    // so that dates still run in the same order as the history.
    const oldest =
      Date.parse(commits[commits.length - 1]?.commit?.author?.date ?? '') ||
      Date.now();
    ours.slice(commits.length).forEach((sha, i) => {
      const metadata = options.catalog.metadata(repo.url, sha);
      if (metadata)
        repoRenames.set(sha, {
          sha,
          metadata: {
            ...metadata,
            tags: [],
            date: isoSeconds(oldest - (i + 1) * DAY),
          },
        });
    });
    options.catalog.renameCommits(repo.url, repoRenames);
    options.log(
      `aligned ${repoRenames.size} of ${ours.length} seeded revisions of ${slug} with Forgejo's commits`,
    );
  }
  const now = options.now?.() ?? Date.now();
  return options.applications.map(apps =>
    apps.map(app =>
      redateHistory(
        renameStrings(app, renames) as Application,
        options.catalog,
        now,
      ),
    ),
  );
}

/**
 * Moves each deployment after the commit it deployed (Forgejo's commits are dated relative to the
 * sandbox's start), keeping the history in order and in the past, and the last operation with it.
 */
function redateHistory(
  app: Application,
  catalog: RevisionCatalog,
  now: number,
): Application {
  const history = app.status?.history;
  const repoURL = app.spec.source?.repoURL;
  if (!history?.length || !repoURL || !app.status) return app;
  let previous = 0;
  history.forEach((entry, i) => {
    const committed =
      Date.parse(catalog.metadata(repoURL, entry.revision ?? '')?.date ?? '') ||
      previous;
    const latest = now - (history.length - i) * 5 * MINUTE;
    const deployed = Math.min(
      Math.max(committed + 20 * MINUTE, previous + 30 * MINUTE),
      Math.max(latest, committed + MINUTE),
    );
    entry.deployStartedAt = isoSeconds(deployed - 45_000);
    entry.deployedAt = isoSeconds(deployed);
    previous = deployed;
  });
  const state = app.status.operationState;
  if (state) {
    const last = history[history.length - 1];
    const failedLater =
      state.phase !== 'Succeeded'
        ? Math.min(previous + 60 * MINUTE, now - MINUTE)
        : previous;
    state.startedAt =
      state.phase === 'Succeeded'
        ? last.deployStartedAt!
        : isoSeconds(failedLater - 45_000);
    state.finishedAt = isoSeconds(failedLater);
  }
  app.status.reconciledAt = isoSeconds(now);
  return app;
}
