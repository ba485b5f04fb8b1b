/**
 * Payloads the forgejo backend sends to the cards. One payload per card, already aggregated.
 */

/**
 * Combined CI state of a commit, as Forgejo reports it.
 * @public
 */
export type ForgejoCommitState =
  | 'pending'
  | 'success'
  | 'error'
  | 'failure'
  | 'warning'
  | 'unknown';

/** @public */
export interface ForgejoCommitSummary {
  sha: string;
  shortSha: string;
  /** First line of the commit message. */
  title: string;
  authorName?: string;
  date?: string;
  htmlUrl?: string;
}

/** @public */
export interface ForgejoCommitStatusSummary {
  state: ForgejoCommitState;
  /** Number of individual statuses (Forgejo Actions writes one per job). */
  total: number;
  contexts: Array<{
    context: string;
    state: ForgejoCommitState;
    description?: string;
    targetUrl?: string;
  }>;
}

/** @public */
export interface ForgejoReleaseSummary {
  name: string;
  tagName: string;
  publishedAt?: string;
  htmlUrl?: string;
  prerelease: boolean;
  draft: boolean;
  authorLogin?: string;
}

/** @public */
export interface ForgejoLanguageShare {
  name: string;
  bytes: number;
  /** 0..100, rounded to one decimal. */
  percent: number;
}

/**
 * Everything the overview card shows.
 * @public
 */
export interface ForgejoOverview {
  host: string;
  owner: string;
  repo: string;
  fullName: string;
  description?: string;
  website?: string;
  topics: string[];
  defaultBranch: string;
  stars: number;
  forks: number;
  watchers: number;
  openIssues: number;
  openPullRequests: number;
  releases: number;
  archived: boolean;
  mirror: boolean;
  private: boolean;
  empty: boolean;
  updatedAt?: string;
  languages: ForgejoLanguageShare[];
  latestCommit?: ForgejoCommitSummary & { status?: ForgejoCommitStatusSummary };
  latestRelease?: ForgejoReleaseSummary;
  links: {
    repository: string;
    issues: string;
    pulls: string;
    releases: string;
    actions: string;
    commits: string;
    clone?: string;
  };
  /** When the backend fetched the data (ISO time). */
  fetchedAt: string;
}

/**
 * Where CI data came from: Forgejo 12+ `actions/runs`, Forgejo 8+ `actions/tasks`, or commit statuses.
 * @public
 */
export type ForgejoCiSource = 'runs' | 'tasks' | 'statuses';

/** @public */
export type ForgejoRunStatus =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'running'
  | 'waiting'
  | 'blocked'
  | 'unknown';

/** @public */
export interface ForgejoCiRun {
  id: number;
  runNumber?: number;
  /** Workflow file or status context. */
  workflow: string;
  title?: string;
  status: ForgejoRunStatus;
  event?: string;
  ref?: string;
  commitSha?: string;
  startedAt?: string;
  updatedAt?: string;
  durationSeconds?: number;
  htmlUrl?: string;
}

/**
 * What the CI card shows.
 * @public
 */
export interface ForgejoCiRuns {
  host: string;
  owner: string;
  repo: string;
  source: ForgejoCiSource;
  runs: ForgejoCiRun[];
  totalCount?: number;
  actionsUrl: string;
  fetchedAt: string;
  /**
   * Whether the caller may start a workflow from the card (forgejo.workflow.dispatch); decided per
   * request, so the card needs no second request to show or hide its Run workflow button.
   */
  canDispatch?: boolean;
}

/**
 * How a `workflow_dispatch` input is entered, as Forgejo's workflow syntax defines it; anything else
 * is entered as a string.
 * @public
 */
export type ForgejoWorkflowInputType =
  | 'string'
  | 'choice'
  | 'boolean'
  | 'number'
  | 'environment';

/** One input of a workflow's `on.workflow_dispatch.inputs`. @public */
export interface ForgejoWorkflowInput {
  name: string;
  description?: string;
  type: ForgejoWorkflowInputType;
  required: boolean;
  /** As written in the workflow, turned into the string Forgejo passes on. */
  default?: string;
  /** For `choice`. */
  options?: string[];
}

/** A workflow of the repository that can be started by hand (`on: workflow_dispatch`). @public */
export interface ForgejoDispatchableWorkflow {
  /** File name, the id Forgejo's dispatch endpoint takes (`build.yml`). */
  id: string;
  /** The workflow's `name`, else its path. */
  name: string;
  /** Path in the repository (`.forgejo/workflows/build.yml`). */
  path: string;
  inputs: ForgejoWorkflowInput[];
}

/**
 * Answer of `GET .../ci/workflows`: what the Run workflow dialog offers, read at `ref`.
 * @public
 */
export interface ForgejoDispatchOptions {
  /** The ref the workflows were read from. */
  ref: string;
  defaultBranch: string;
  /** Branches the dialog offers as refs (default branch first). */
  branches: string[];
  workflows: ForgejoDispatchableWorkflow[];
  /** Workflow files that could not be read as YAML, with Forgejo's path; shown, not offered. */
  unreadable: Array<{ path: string; message: string }>;
}

/** Body of `POST .../ci/dispatches`. @public */
export interface ForgejoDispatchRequest {
  workflow: string;
  ref: string;
  /** Input values as Forgejo takes them: strings (`"true"`/`"false"` for booleans). */
  inputs?: Record<string, string>;
}

/** Answer of a dispatch: the run Forgejo created, when it says which. @public */
export interface ForgejoDispatchResult {
  workflow: string;
  ref: string;
  /** Forgejo 12+ tells the new run's id and number; older servers answer 204 without them. */
  runId?: number;
  runNumber?: number;
}

/**
 * One page of a list.
 * @public
 */
export interface ForgejoPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** From `X-Total-Count` when Forgejo sends it. */
  totalCount?: number;
  hasMore: boolean;
  /** Web page of the whole list in Forgejo. */
  htmlUrl: string;
}

/** @public */
export interface ForgejoLabel {
  name: string;
  color?: string;
}

/** @public */
export interface ForgejoPullRequestItem {
  number: number;
  title: string;
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  authorLogin?: string;
  headRef?: string;
  baseRef?: string;
  labels: ForgejoLabel[];
  comments?: number;
  createdAt?: string;
  updatedAt?: string;
  htmlUrl?: string;
}

/** @public */
export interface ForgejoIssueItem {
  number: number;
  title: string;
  state: 'open' | 'closed';
  authorLogin?: string;
  labels: ForgejoLabel[];
  comments?: number;
  createdAt?: string;
  updatedAt?: string;
  htmlUrl?: string;
}

/** @public */
export type ForgejoReleaseItem = ForgejoReleaseSummary;

/** @public */
export type ForgejoCommitItem = ForgejoCommitSummary & {
  authorLogin?: string;
};

/**
 * Why the backend could not answer; every code maps to a readable card state. The backend answers
 * Backstage's error body (a NotFoundError, InputError, ServiceUnavailableError, …) with the code
 * beside the error's name and message.
 * @public
 */
export type ForgejoProblemCode =
  | 'NOT_CONFIGURED'
  | 'MISSING_INTEGRATION'
  | 'NOT_FOUND'
  | 'EMPTY_REPOSITORY'
  /** The portal's permission policy does not let this user see the repository (e.g. a private one). */
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'UPSTREAM_ERROR'
  | 'INVALID_RESPONSE'
  /** The request itself was wrong (a dispatch naming an unknown workflow, ref or input): fix it, not retry. */
  | 'INVALID_REQUEST';

/**
 * The list routes of the forgejo backend.
 * @public
 */
export type ForgejoListKind = 'pulls' | 'issues' | 'releases' | 'commits';
