/** The YAML format of packages/sandbox/seeds/forgejo (see the comments in those files). */

export interface SeedUser {
  login: string;
  full_name?: string;
  email?: string;
  password?: string;
  tokens?: string[];
  admin?: boolean;
  age?: string;
}

export interface SeedOrg {
  name: string;
  full_name?: string;
  description?: string;
  website?: string;
  location?: string;
  members?: string[];
  age?: string;
}

export interface SeedAccounts {
  users: SeedUser[];
  orgs: SeedOrg[];
}

export interface SeedCommit {
  message: string;
  author: string;
  age?: string;
  /** Path to new content; files not named keep their content. */
  files?: Record<string, string>;
  /**
   * A folder, relative to the seed file, whose every file is added under the same relative path
   * (so content kept as real files, like seeds/stacks, has one source); `files` entries win.
   */
  files_from?: string;
  delete?: string[];
}

/** A commit of the default branch by index (0 = oldest), or the head of a branch by name. */
export type SeedCommitRef = number | string;

export interface SeedRepo {
  owner: string;
  name: string;
  description?: string;
  website?: string;
  topics?: string[];
  private?: boolean;
  archived?: boolean;
  mirror?: boolean;
  /** Accounts (logins) that starred the repository. */
  stargazers?: string[];
  /** Accounts (logins) watching the repository. */
  watchers?: string[];
  default_branch?: string;
  commits?: SeedCommit[];
  branches?: Array<{ name: string; from?: number; commits: SeedCommit[] }>;
  releases?: Array<{
    tag: string;
    commit: SeedCommitRef;
    name?: string;
    body?: string;
    draft?: boolean;
    prerelease?: boolean;
    author?: string;
    age?: string;
  }>;
  issues?: Array<{
    title: string;
    body?: string;
    user: string;
    labels?: string[];
    state?: 'open' | 'closed';
    age?: string;
    closed_age?: string;
    /** The comments, oldest first (or only their number, for issues whose comments nobody reads). */
    comments?: number | Array<{ user: string; body: string; age?: string }>;
    pull?: { head: string; base: string; merged?: boolean; draft?: boolean };
  }>;
  runs?: Array<{
    workflow: string;
    title: string;
    event: string;
    branch: string;
    commit: SeedCommitRef;
    status: string;
    actor: string;
    age?: string;
    duration?: string;
    jobs?: string[];
  }>;
  statuses?: Array<{
    commit: SeedCommitRef;
    context: string;
    state: string;
    description?: string;
    target_url?: string;
    age?: string;
  }>;
}

/** Parses `90d`, `3h`, `20m`, `45s` into milliseconds. */
export function parseDuration(
  value: string | undefined,
  where: string,
): number {
  if (value === undefined) return 0;
  const match = /^(\d+)(s|m|h|d)$/.exec(String(value).trim());
  if (!match)
    throw new Error(
      `${where}: "${value}" is not a duration such as 90s, 20m, 3h or 12d`,
    );
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 's' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}
