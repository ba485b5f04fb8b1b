/**
 * The Forgejo stand-in's state. Git data (commits, branches, tags, files) lives in real bare
 * repositories; everything Forgejo keeps in its database (accounts, issues, releases, runs) lives here.
 */

export interface UserRecord {
  id: number;
  login: string;
  fullName: string;
  email: string;
  password?: string;
  tokens: string[];
  isAdmin: boolean;
  created: string;
}

export interface OrgRecord {
  id: number;
  name: string;
  fullName: string;
  description: string;
  website: string;
  location: string;
  members: string[];
  created: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  user: string;
  labels: LabelRecord[];
  comments: number;
  /** The comments' text when seeded (`comments` is their number either way). */
  commentList?: CommentRecord[];
  created: string;
  updated: string;
  closed?: string;
  /** Present on pull requests. */
  pull?: { head: string; base: string; merged: boolean; draft: boolean };
}

export interface CommentRecord {
  id: number;
  user: string;
  body: string;
  created: string;
}

export interface ReleaseRecord {
  id: number;
  tag: string;
  targetCommitish: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  author: string;
  created: string;
}

/** Forgejo Actions run statuses (models/actions/status.go). */
export type RunStatus =
  | 'unknown'
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'waiting'
  | 'running'
  | 'blocked';

export interface JobRecord {
  id: number;
  name: string;
  status: RunStatus;
  started?: string;
  stopped?: string;
}

export interface RunRecord {
  id: number;
  runNumber: number;
  title: string;
  workflowId: string;
  event: string;
  branch: string;
  sha: string;
  status: RunStatus;
  actor: string;
  created: string;
  started?: string;
  stopped?: string;
  jobs: JobRecord[];
}

export type CommitState =
  | 'pending'
  | 'success'
  | 'error'
  | 'failure'
  | 'warning';

export interface StatusRecord {
  id: number;
  sha: string;
  state: CommitState;
  context: string;
  description: string;
  targetUrl: string;
  creator: string;
  created: string;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  description: string;
  website: string;
  private: boolean;
  archived: boolean;
  mirror: boolean;
  template: boolean;
  topics: string[];
  /** Logins of the accounts that starred it (stars_count is their number, as in Forgejo). */
  stargazers: string[];
  /** Logins of the accounts watching it (watchers_count). */
  subscribers: string[];
  /** The repository this one is a fork of (forks_count of the parent counts these). */
  parent?: { owner: string; name: string };
  defaultBranch: string;
  created: string;
  updated: string;
  gitDir: string;
  issues: IssueRecord[];
  releases: ReleaseRecord[];
  runs: RunRecord[];
  statuses: StatusRecord[];
}

/** The account that owns a repository: a user or an organisation. */
export type Owner =
  | { kind: 'user'; user: UserRecord }
  | { kind: 'org'; org: OrgRecord };

export class ForgejoStore {
  readonly users = new Map<string, UserRecord>();
  readonly orgs = new Map<string, OrgRecord>();
  readonly repos = new Map<string, RepoRecord>();
  /** Labels by name; shared by every repository of the stand-in for simplicity. */
  readonly labels = new Map<string, LabelRecord>();
  private nextId = new Map<string, number>();

  /** Ids per kind start at 1, as in a fresh Forgejo database. */
  id(kind: string): number {
    const next = (this.nextId.get(kind) ?? 0) + 1;
    this.nextId.set(kind, next);
    return next;
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  org(name: string): OrgRecord | undefined {
    return this.orgs.get(name.toLowerCase());
  }

  owner(name: string): Owner | undefined {
    const user = this.user(name);
    if (user) return { kind: 'user', user };
    const org = this.org(name);
    return org ? { kind: 'org', org } : undefined;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repositories forked from `repo`, oldest first. */
  forksOf(repo: RepoRecord): RepoRecord[] {
    const key = `${repo.owner}/${repo.name}`.toLowerCase();
    // Asked for every repository of a listing: no copy of all repositories per call.
    const forks: RepoRecord[] = [];
    for (const r of this.repos.values()) {
      if (
        r.parent &&
        `${r.parent.owner}/${r.parent.name}`.toLowerCase() === key
      )
        forks.push(r);
    }
    return forks.sort((a, b) => a.id - b.id);
  }

  addRepo(repo: RepoRecord): void {
    this.repos.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
  }

  /** Whether `user` (undefined = anonymous) may read `repo`. */
  canRead(user: UserRecord | undefined, repo: RepoRecord): boolean {
    if (!repo.private) return true;
    return !!user && this.canWrite(user, repo);
  }

  /** Owners, organisation members and admins may push and change the repository. */
  canWrite(user: UserRecord | undefined, repo: RepoRecord): boolean {
    if (!user) return false;
    if (user.isAdmin || user.login.toLowerCase() === repo.owner.toLowerCase())
      return true;
    return this.isMember(user, repo.owner);
  }

  isMember(user: UserRecord, orgName: string): boolean {
    const org = this.org(orgName);
    return (
      !!org &&
      org.members.some(m => m.toLowerCase() === user.login.toLowerCase())
    );
  }

  /** Finds the account with this password or access token. */
  authenticate(
    login: string | undefined,
    secret: string,
  ): UserRecord | undefined {
    if (login) {
      const user = this.user(login);
      // Forgejo accepts a token in place of the password for Basic auth.
      return user && (user.password === secret || user.tokens.includes(secret))
        ? user
        : undefined;
    }
    return [...this.users.values()].find(u => u.tokens.includes(secret));
  }
}

/** RFC 3339 in UTC without fractions, as Forgejo writes timestamps. */
export function rfc3339(date: Date | number | string = Date.now()): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
