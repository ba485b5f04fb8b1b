import { languageBytes } from '../git/languages';
import { readBranchHeads, repositorySizeKiB } from '../git/refs';
import type { ForgejoStore, RepoRecord, UserRecord } from '../model';
import { api, html, orgAsUserJson, userJson, type Links } from './accounts';

export const repoPath = (repo: RepoRecord) => `/${repo.owner}/${repo.name}`;
export const repoApi = (links: Links, repo: RepoRecord, rest = '') =>
  api(links, `/repos${repoPath(repo)}${rest}`);
export const repoHtml = (links: Links, repo: RepoRecord, rest = '') =>
  html(links, `${repoPath(repo)}${rest}`);

export function ownerJson(
  links: Links,
  store: ForgejoStore,
  owner: string,
  viewer?: UserRecord,
) {
  const found = store.owner(owner);
  if (!found) throw new Error(`unknown owner ${owner}`);
  return found.kind === 'user'
    ? userJson(links, found.user, viewer)
    : orgAsUserJson(links, found.org);
}

/** structs.Repository, with counters and the primary language derived from the stored data and git. */
export async function repoJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  viewer?: UserRecord,
): Promise<Record<string, unknown>> {
  const heads = readBranchHeads(repo.gitDir);
  const head = heads.get(repo.defaultBranch);
  const languages = head ? await languageBytes(repo.gitDir, head) : {};
  const open = repo.issues.filter(i => i.state === 'open');
  const parent = repo.parent && store.repo(repo.parent.owner, repo.parent.name);
  const canWrite = store.canWrite(viewer, repo);
  const isAdmin =
    !!viewer &&
    (viewer.isAdmin || viewer.login.toLowerCase() === repo.owner.toLowerCase());
  return {
    id: repo.id,
    owner: ownerJson(links, store, repo.owner, viewer),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    description: repo.description,
    empty: heads.size === 0,
    private: repo.private,
    fork: !!repo.parent,
    template: repo.template,
    parent: parent ? await repoJson(links, store, parent, viewer) : null,
    mirror: repo.mirror,
    size: repositorySizeKiB(repo.gitDir, heads),
    language: Object.keys(languages)[0] ?? '',
    languages_url: repoApi(links, repo, '/languages'),
    html_url: repoHtml(links, repo),
    url: repoApi(links, repo),
    link: '',
    ssh_url: `ssh://git@127.0.0.1:2222${repoPath(repo)}.git`,
    clone_url: repoHtml(links, repo, '.git'),
    original_url: repo.mirror
      ? `https://docs.shop.example/${repo.name}.git`
      : '',
    website: repo.website,
    stars_count: repo.stargazers.length,
    forks_count: store.forksOf(repo).length,
    watchers_count: repo.subscribers.length,
    open_issues_count: open.filter(i => !i.pull).length,
    open_pr_counter: open.filter(i => i.pull).length,
    release_counter: repo.releases.filter(r => !r.draft).length,
    default_branch: repo.defaultBranch,
    archived: repo.archived,
    created_at: repo.created,
    updated_at: repo.updated,
    archived_at: repo.archived ? repo.updated : '1970-01-01T00:00:00Z',
    permissions: {
      admin: isAdmin,
      push: canWrite,
      pull: store.canRead(viewer, repo),
    },
    has_issues: true,
    internal_tracker: {
      enable_time_tracker: true,
      allow_only_contributors_to_track_time: true,
      enable_issue_dependencies: true,
    },
    has_wiki: true,
    wiki_branch: 'main',
    globally_editable_wiki: false,
    has_pull_requests: true,
    has_projects: true,
    has_releases: true,
    has_packages: true,
    has_actions: true,
    ignore_whitespace_conflicts: false,
    allow_merge_commits: true,
    allow_rebase: true,
    allow_rebase_explicit: true,
    allow_squash_merge: true,
    allow_fast_forward_only_merge: true,
    allow_rebase_update: true,
    default_delete_branch_after_merge: false,
    default_merge_style: 'merge',
    default_update_style: 'merge',
    default_allow_maintainer_edit: false,
    avatar_url: '',
    internal: false,
    mirror_interval: repo.mirror ? '8h0m0s' : '',
    object_format_name: 'sha1',
    mirror_updated: repo.mirror ? repo.updated : '0001-01-01T00:00:00Z',
    repo_transfer: null,
    topics: repo.topics,
  };
}

/** structs.RepositoryMeta, as embedded in issues. */
export function repoMetaJson(repo: RepoRecord) {
  return {
    id: repo.id,
    name: repo.name,
    owner: repo.owner,
    full_name: `${repo.owner}/${repo.name}`,
  };
}
