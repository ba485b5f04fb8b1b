import type {
  ForgejoStore,
  IssueRecord,
  LabelRecord,
  ReleaseRecord,
  RepoRecord,
  UserRecord,
} from '../model';
import { api, userJson, type Links } from './accounts';
import { repoApi, repoHtml, repoJson, repoMetaJson } from './repository';

function person(
  links: Links,
  store: ForgejoStore,
  login: string,
  viewer?: UserRecord,
) {
  const user = store.user(login);
  if (!user) throw new Error(`unknown user ${login}`);
  return userJson(links, user, viewer);
}

export function labelJson(links: Links, label: LabelRecord) {
  return {
    id: label.id,
    name: label.name,
    exclusive: label.name.includes('/'),
    is_archived: false,
    color: label.color,
    description: '',
    url: api(links, `/labels/${label.id}`),
  };
}

/** structs.Issue; pull requests carry `pull_request` meta, as in Forgejo's issue list. */
export function issueJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  issue: IssueRecord,
  viewer?: UserRecord,
) {
  const kind = issue.pull ? 'pulls' : 'issues';
  return {
    id: issue.id,
    url: repoApi(links, repo, `/issues/${issue.number}`),
    html_url: repoHtml(links, repo, `/${kind}/${issue.number}`),
    number: issue.number,
    user: person(links, store, issue.user, viewer),
    original_author: '',
    original_author_id: 0,
    title: issue.title,
    body: issue.body,
    ref: '',
    assets: [],
    labels: issue.labels.map(l => labelJson(links, l)),
    milestone: null,
    assignee: null,
    assignees: null,
    state: issue.state,
    is_locked: false,
    comments: issue.comments,
    created_at: issue.created,
    updated_at: issue.updated,
    closed_at: issue.closed ?? null,
    due_date: null,
    pin_order: 0,
    pull_request: issue.pull
      ? {
          merged: issue.pull.merged,
          merged_at: issue.pull.merged ? issue.closed ?? null : null,
          draft: issue.pull.draft,
          html_url: repoHtml(links, repo, `/pulls/${issue.number}`),
        }
      : null,
    repository: repoMetaJson(repo),
  };
}

/** structs.PullRequest. `heads` maps branch names to their head commits. */
export async function pullJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  issue: IssueRecord,
  heads: Map<string, string>,
  viewer?: UserRecord,
) {
  const pull = issue.pull!;
  const repository = await repoJson(links, store, repo, viewer);
  const branch = (ref: string) => ({
    label: ref,
    ref,
    sha: heads.get(ref) ?? '',
    repo_id: repo.id,
    repo: repository,
  });
  return {
    id: issue.id,
    url: repoHtml(links, repo, `/pulls/${issue.number}`),
    number: issue.number,
    user: person(links, store, issue.user, viewer),
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map(l => labelJson(links, l)),
    milestone: null,
    assignee: null,
    assignees: null,
    requested_reviewers: null,
    requested_reviewers_teams: null,
    state: issue.state,
    draft: pull.draft,
    is_locked: false,
    comments: issue.comments,
    review_comments: 0,
    additions: 0,
    deletions: 0,
    changed_files: 0,
    html_url: repoHtml(links, repo, `/pulls/${issue.number}`),
    diff_url: repoHtml(links, repo, `/pulls/${issue.number}.diff`),
    patch_url: repoHtml(links, repo, `/pulls/${issue.number}.patch`),
    mergeable: issue.state === 'open',
    merged: pull.merged,
    merged_at: pull.merged ? issue.closed ?? null : null,
    merge_commit_sha: null,
    merged_by: pull.merged ? person(links, store, issue.user, viewer) : null,
    allow_maintainer_edit: false,
    base: branch(pull.base),
    head: branch(pull.head),
    merge_base: heads.get(pull.base) ?? '',
    due_date: null,
    created_at: issue.created,
    updated_at: issue.updated,
    closed_at: issue.closed ?? null,
    pin_order: 0,
    flow: 0,
  };
}

/** structs.Release */
export function releaseJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  release: ReleaseRecord,
  viewer?: UserRecord,
) {
  return {
    id: release.id,
    tag_name: release.tag,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    url: repoApi(links, repo, `/releases/${release.id}`),
    html_url: repoHtml(
      links,
      repo,
      `/releases/tag/${encodeURIComponent(release.tag)}`,
    ),
    tarball_url: repoHtml(
      links,
      repo,
      `/archive/${encodeURIComponent(release.tag)}.tar.gz`,
    ),
    zipball_url: repoHtml(
      links,
      repo,
      `/archive/${encodeURIComponent(release.tag)}.zip`,
    ),
    hide_archive_links: false,
    upload_url: repoApi(links, repo, `/releases/${release.id}/assets`),
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.created,
    published_at: release.created,
    author: person(links, store, release.author, viewer),
    assets: [],
    archive_download_count: { tar_gz: 0, zip: 0 },
  };
}
