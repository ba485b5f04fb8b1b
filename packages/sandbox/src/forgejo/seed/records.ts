import path from 'node:path';
import type { BuiltRepository } from '../git/build';
import {
  rfc3339,
  type CommitState,
  type ForgejoStore,
  type RepoRecord,
  type RunStatus,
} from '../model';
import { statusesForRun } from '../actions';
import { labelFor } from './labels';
import { parseDuration, type SeedCommitRef, type SeedRepo } from './types';

/** Turns an `age` of the seeds into a timestamp. */
export type At = (age: string | undefined, where: string) => string;

/** Where a repository's bare git folder lives: Forgejo keeps owner and name in lower case on disk. */
export const gitDirOf = (
  reposRoot: string,
  repo: { owner: string; name: string },
) =>
  path.join(
    reposRoot,
    repo.owner.toLowerCase(),
    `${repo.name.toLowerCase()}.git`,
  );

export function personOf(store: ForgejoStore, where: string) {
  return (login: string) => {
    const user = store.user(login);
    if (!user)
      throw new Error(`${where}: "${login}" is not a user of accounts.yaml`);
    return user;
  };
}

export function resolverOf(where: string, defaultBranch: string) {
  return (built: BuiltRepository, ref: SeedCommitRef) => {
    const sha =
      typeof ref === 'number'
        ? built.mainline[ref < 0 ? built.mainline.length + ref : ref]
        : built.heads.get(ref);
    if (!sha)
      throw new Error(
        `${where}: "${ref}" is neither a commit index of ${defaultBranch} nor a branch`,
      );
    return sha;
  };
}

/** Adds a seeded repository's database records (repository, releases, issues, runs, statuses) to the store. */
export function addRepositoryRecords(
  store: ForgejoStore,
  seed: SeedRepo,
  built: BuiltRepository,
  reposRoot: string,
  at: At,
): void {
  const where = `repository ${seed.owner}/${seed.name}`;
  const person = personOf(store, where);
  const defaultBranch = seed.default_branch ?? 'main';
  const resolve = resolverOf(where, defaultBranch);
  const gitDir = gitDirOf(reposRoot, seed);
  const repoCreated = at((seed.commits ?? [])[0]?.age, where);
  const repo: RepoRecord = {
    id: store.id('repo'),
    owner: store.user(seed.owner)?.login ?? store.org(seed.owner)!.name,
    name: seed.name,
    description: seed.description ?? '',
    website: seed.website ?? '',
    private: !!seed.private,
    archived: !!seed.archived,
    mirror: !!seed.mirror,
    template: false,
    topics: seed.topics ?? [],
    stargazers: (seed.stargazers ?? []).map(l => person(l).login),
    subscribers: (seed.watchers ?? []).map(l => person(l).login),
    defaultBranch,
    created: repoCreated,
    updated: repoCreated,
    gitDir,
    issues: [],
    releases: [],
    runs: [],
    statuses: [],
  };
  for (const r of seed.releases ?? []) {
    repo.releases.push({
      id: store.id('release'),
      tag: r.tag,
      targetCommitish: typeof r.commit === 'string' ? r.commit : defaultBranch,
      name: r.name ?? r.tag,
      body: r.body ?? '',
      draft: !!r.draft,
      prerelease: !!r.prerelease,
      author: person(r.author ?? seed.owner).login,
      created: at(r.age, `${where} release ${r.tag}`),
    });
  }
  (seed.issues ?? []).forEach((i, index) => {
    const created = at(i.age, `${where} issue "${i.title}"`);
    const closed =
      i.state === 'closed'
        ? at(i.closed_age ?? i.age, `${where} issue "${i.title}"`)
        : undefined;
    if (i.pull && !built.heads.has(i.pull.head))
      throw new Error(
        `${where}: pull request "${i.title}" names unknown branch ${i.pull.head}`,
      );
    repo.issues.push({
      id: store.id('issue'),
      number: index + 1,
      title: i.title,
      body: i.body ?? '',
      state: i.state ?? 'open',
      user: person(i.user).login,
      labels: (i.labels ?? []).map(name => labelFor(store, name)),
      comments: Array.isArray(i.comments) ? i.comments.length : i.comments ?? 0,
      commentList: Array.isArray(i.comments)
        ? i.comments.map(c => ({
            id: store.id('comment'),
            user: person(c.user).login,
            body: c.body,
            created: at(c.age ?? i.age, `${where} comment on "${i.title}"`),
          }))
        : undefined,
      created,
      updated: closed ?? created,
      closed,
      pull: i.pull
        ? {
            head: i.pull.head,
            base: i.pull.base,
            merged: !!i.pull.merged,
            draft: !!i.pull.draft,
          }
        : undefined,
    });
  });
  (seed.runs ?? []).forEach((r, index) => {
    const status = r.status as RunStatus;
    const created = at(r.age, `${where} run "${r.title}"`);
    const finished = ['success', 'failure', 'cancelled', 'skipped'].includes(
      status,
    );
    const started =
      status === 'waiting' || status === 'blocked' ? undefined : created;
    const stopped = finished
      ? rfc3339(
          Date.parse(created) +
            parseDuration(r.duration ?? '1m', `${where} run duration`),
        )
      : undefined;
    const run = {
      id: store.id('run'),
      runNumber: index + 1,
      title: r.title,
      workflowId: r.workflow,
      event: r.event,
      branch: r.branch,
      sha: resolve(built, r.commit),
      status,
      actor: person(r.actor).login,
      created,
      started,
      stopped,
      jobs: (r.jobs ?? ['build']).map(name => ({
        id: store.id('job'),
        name,
        status,
        started,
        stopped,
      })),
    };
    repo.runs.push(run);
    repo.statuses.push(...statusesForRun(store, repo, run));
  });
  for (const s of seed.statuses ?? []) {
    const created = at(s.age, `${where} status ${s.context}`);
    repo.statuses.push({
      id: store.id('status'),
      sha: resolve(built, s.commit),
      state: s.state as CommitState,
      context: s.context,
      description: s.description ?? '',
      targetUrl: s.target_url ?? '',
      creator: 'edp-bot',
      created,
    });
  }
  store.addRepo(repo);
}
