import type { CommitInfo } from '../git/read';
import {
  rfc3339,
  type ForgejoStore,
  type RepoRecord,
  type UserRecord,
} from '../model';
import { userJson, type Links } from './accounts';
import { repoApi, repoHtml } from './repository';

export interface CommitDetails {
  stats?: { additions: number; deletions: number };
  files?: Array<{ filename: string; status: string }>;
}

/** The Forgejo user whose e-mail address matches a git identity, as Forgejo links commits to accounts. */
export function userByEmail(
  store: ForgejoStore,
  email: string,
): UserRecord | undefined {
  return [...store.users.values()].find(
    u => u.email.toLowerCase() === email.toLowerCase(),
  );
}

const notSigned = {
  verified: false,
  reason: 'gpg.error.not_signed_commit',
  signature: '',
  signer: null,
  payload: '',
};

/**
 * structs.Commit. `verification`, `stats` and `files` are null unless asked for, which is what
 * Forgejo sends with `verification=false`, `stat=false`, `files=false`.
 */
export function commitJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  commit: CommitInfo,
  options: { verification: boolean; details?: CommitDetails },
  viewer?: UserRecord,
) {
  const author = userByEmail(store, commit.author.email);
  const committer = userByEmail(store, commit.committer.email);
  const url = repoApi(links, repo, `/git/commits/${commit.sha}`);
  const gitUser = (u: CommitInfo['author']) => ({
    name: u.name,
    email: u.email,
    date: rfc3339(u.date),
  });
  return {
    url,
    sha: commit.sha,
    created: rfc3339(commit.committer.date),
    html_url: repoHtml(links, repo, `/commit/${commit.sha}`),
    commit: {
      url,
      author: gitUser(commit.author),
      committer: gitUser(commit.committer),
      message: commit.message,
      tree: {
        url: repoApi(links, repo, `/git/trees/${commit.tree}`),
        sha: commit.tree,
        created: rfc3339(commit.committer.date),
      },
      verification: options.verification ? notSigned : null,
    },
    author: author ? userJson(links, author, viewer) : null,
    committer: committer ? userJson(links, committer, viewer) : null,
    parents: commit.parents.map(sha => ({
      url: repoApi(links, repo, `/git/commits/${sha}`),
      sha,
      created: rfc3339(commit.committer.date),
    })),
    files: options.details?.files ?? null,
    stats: options.details?.stats
      ? {
          total:
            options.details.stats.additions + options.details.stats.deletions,
          additions: options.details.stats.additions,
          deletions: options.details.stats.deletions,
        }
      : null,
  };
}

/** structs.PayloadCommit, as embedded in branches. */
export function payloadCommitJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  commit: CommitInfo,
) {
  const who = (u: CommitInfo['author']) => ({
    name: u.name,
    email: u.email,
    username: userByEmail(store, u.email)?.login ?? '',
  });
  return {
    id: commit.sha,
    message: commit.message,
    url: repoHtml(links, repo, `/commit/${commit.sha}`),
    author: who(commit.author),
    committer: who(commit.committer),
    verification: notSigned,
    timestamp: rfc3339(commit.committer.date),
    added: null,
    removed: null,
    modified: null,
  };
}
