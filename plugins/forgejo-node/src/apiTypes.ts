/**
 * The parts of Forgejo's REST answers (swagger v1, Forgejo 12) that our plugins read.
 * Every field is optional on purpose: older servers and forks omit some of them.
 */

/** @public */
export interface ForgejoApiUser {
  login?: string;
  full_name?: string;
  html_url?: string;
  avatar_url?: string;
}

/** @public */
export interface ForgejoApiRepository {
  id?: number;
  name?: string;
  full_name?: string;
  description?: string;
  website?: string;
  html_url?: string;
  clone_url?: string;
  default_branch?: string;
  topics?: string[];
  stars_count?: number;
  forks_count?: number;
  watchers_count?: number;
  open_issues_count?: number;
  open_pr_counter?: number;
  release_counter?: number;
  archived?: boolean;
  mirror?: boolean;
  private?: boolean;
  empty?: boolean;
  has_actions?: boolean;
  updated_at?: string;
  owner?: ForgejoApiUser;
  /** What the credentials used may do in the repository. */
  permissions?: { admin?: boolean; push?: boolean; pull?: boolean };
}

/** `GET /orgs/{org}`. @public */
export interface ForgejoApiOrganization {
  id?: number;
  name?: string;
  username?: string;
  full_name?: string;
}

/** Body of `POST /orgs/{org}/repos` and `POST /user/repos`. @public */
export interface ForgejoCreateRepositoryRequest {
  name: string;
  description?: string;
  private?: boolean;
  default_branch?: string;
}

/** Body of `POST /repos/{o}/{r}/pulls`. @public */
export interface ForgejoCreatePullRequestRequest {
  head: string;
  base: string;
  title: string;
  body?: string;
}

/** `GET /repos/{o}/{r}/languages`: language name to bytes. @public */
export type ForgejoApiLanguages = Record<string, number>;

/** @public */
export interface ForgejoApiCommit {
  sha?: string;
  html_url?: string;
  created?: string;
  author?: ForgejoApiUser | null;
  commit?: {
    message?: string;
    author?: { name?: string; email?: string; date?: string };
    committer?: { name?: string; email?: string; date?: string };
    /** The commit's tree (in `GET /git/commits/{sha}`). */
    tree?: { sha?: string };
  };
}

/** @public */
export interface ForgejoApiCommitStatus {
  id?: number;
  context?: string;
  status?: string;
  description?: string;
  target_url?: string;
  created_at?: string;
  updated_at?: string;
}

/** @public */
export interface ForgejoApiCombinedStatus {
  sha?: string;
  state?: string;
  total_count?: number;
  statuses?: ForgejoApiCommitStatus[] | null;
  /** The whole repository, as `GET /repos/{o}/{r}` gives it; null when the commit has no status. */
  repository?: ForgejoApiRepository | null;
}

/** @public */
export interface ForgejoApiRelease {
  id?: number;
  name?: string;
  tag_name?: string;
  html_url?: string;
  draft?: boolean;
  prerelease?: boolean;
  published_at?: string;
  created_at?: string;
  author?: ForgejoApiUser;
}

/** @public */
export interface ForgejoApiLabel {
  name?: string;
  color?: string;
}

/** @public */
export interface ForgejoApiPullRequest {
  number?: number;
  title?: string;
  state?: string;
  draft?: boolean;
  merged?: boolean;
  html_url?: string;
  user?: ForgejoApiUser;
  labels?: ForgejoApiLabel[] | null;
  comments?: number;
  head?: { ref?: string; label?: string };
  base?: { ref?: string; label?: string };
  created_at?: string;
  updated_at?: string;
}

/** @public */
export interface ForgejoApiIssue {
  number?: number;
  title?: string;
  state?: string;
  html_url?: string;
  user?: ForgejoApiUser;
  labels?: ForgejoApiLabel[] | null;
  comments?: number;
  created_at?: string;
  updated_at?: string;
  pull_request?: unknown;
}

/**
 * An entry of `GET /actions/runs` (Forgejo 12+). The swagger names `name`, `head_branch`, `head_sha`,
 * `url`; servers also send the fields of Forgejo's ActionRun (`title`, `started`, `stopped`, ...).
 * @public
 */
export interface ForgejoApiActionRun {
  id?: number;
  run_number?: number;
  index_in_repo?: number;
  name?: string;
  title?: string;
  workflow_id?: string;
  status?: string;
  event?: string;
  trigger_event?: string;
  head_branch?: string;
  prettyref?: string;
  head_sha?: string;
  commit_sha?: string;
  url?: string;
  html_url?: string;
  created?: string;
  started?: string;
  stopped?: string;
  updated?: string;
  duration?: number;
}

/** @public */
export interface ForgejoApiActionRunList {
  total_count?: number;
  workflow_runs?: ForgejoApiActionRun[] | null;
}

/** An entry of `GET /actions/tasks` (Forgejo 8+). @public */
export interface ForgejoApiActionTask {
  id?: number;
  name?: string;
  display_title?: string;
  workflow_id?: string;
  status?: string;
  event?: string;
  head_branch?: string;
  head_sha?: string;
  run_number?: number;
  url?: string;
  created_at?: string;
  run_started_at?: string;
  updated_at?: string;
}

/** @public */
export interface ForgejoApiActionTaskList {
  total_count?: number;
  workflow_runs?: ForgejoApiActionTask[] | null;
}

/** An entry of `GET /branches`. @public */
export interface ForgejoApiBranch {
  name?: string;
  commit?: { id?: string };
}

/** An entry of `GET /contents/{path}` (a file with `content`, or one entry of a folder listing). @public */
export interface ForgejoApiContentsEntry {
  name?: string;
  path?: string;
  type?: string;
  encoding?: string | null;
  content?: string | null;
}

/** Forgejo's DispatchWorkflowRun (201 of a dispatch with `return_run_info`, Forgejo 12+). @public */
export interface ForgejoApiDispatchWorkflowRun {
  id?: number;
  run_number?: number;
  jobs?: string[];
}
