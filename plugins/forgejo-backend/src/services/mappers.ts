import type {
  ForgejoCiRun,
  ForgejoCommitItem,
  ForgejoCommitState,
  ForgejoCommitStatusSummary,
  ForgejoIssueItem,
  ForgejoLanguageShare,
  ForgejoPullRequestItem,
  ForgejoReleaseSummary,
  ForgejoRunStatus,
} from '@edp/plugin-forgejo-common';
import type {
  ForgejoApiActionRun,
  ForgejoApiActionTask,
  ForgejoApiCombinedStatus,
  ForgejoApiCommit,
  ForgejoApiIssue,
  ForgejoApiLabel,
  ForgejoApiLanguages,
  ForgejoApiPullRequest,
  ForgejoApiRelease,
} from '@edp/plugin-forgejo-node';

/** Turns upstream answers into the cards' payloads. Pure functions, tolerant of missing fields. */

/** Links go to the browser: only http(s) ones pass (no `javascript:` from a misbehaving server). */
export function httpUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

const STATES: ForgejoCommitState[] = [
  'pending',
  'success',
  'error',
  'failure',
  'warning',
];

export function toCommitState(value: string | undefined): ForgejoCommitState {
  return STATES.includes(value as ForgejoCommitState)
    ? (value as ForgejoCommitState)
    : 'unknown';
}

export function toStatusSummary(
  combined: ForgejoApiCombinedStatus,
): ForgejoCommitStatusSummary | undefined {
  const statuses = combined.statuses ?? [];
  if (statuses.length === 0 && !combined.state) return undefined;
  return {
    state: toCommitState(combined.state),
    total: combined.total_count ?? statuses.length,
    contexts: statuses.map(s => ({
      context: s.context ?? 'status',
      state: toCommitState(s.status),
      description: s.description || undefined,
      targetUrl: httpUrl(s.target_url),
    })),
  };
}

export function toLanguageShares(
  languages: ForgejoApiLanguages,
): ForgejoLanguageShare[] {
  const entries = Object.entries(languages).filter(
    ([, bytes]) => typeof bytes === 'number' && bytes > 0,
  );
  const total = entries.reduce((sum, [, bytes]) => sum + bytes, 0);
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({
      name,
      bytes,
      percent: Math.round((bytes / total) * 1000) / 10,
    }));
}

export function toCommitItem(commit: ForgejoApiCommit): ForgejoCommitItem {
  const sha = commit.sha ?? '';
  return {
    sha,
    shortSha: sha.slice(0, 10),
    title: (commit.commit?.message ?? '').split('\n')[0].trim(),
    authorName:
      commit.commit?.author?.name ??
      commit.author?.full_name ??
      commit.author?.login,
    authorLogin: commit.author?.login || undefined,
    date: validTime(commit.commit?.author?.date) ?? validTime(commit.created),
    htmlUrl: httpUrl(commit.html_url),
  };
}

export function toRelease(release: ForgejoApiRelease): ForgejoReleaseSummary {
  return {
    name: release.name || release.tag_name || '',
    tagName: release.tag_name ?? '',
    publishedAt:
      validTime(release.published_at) ?? validTime(release.created_at),
    htmlUrl: httpUrl(release.html_url),
    prerelease: Boolean(release.prerelease),
    draft: Boolean(release.draft),
    authorLogin: release.author?.login,
  };
}

const toLabels = (labels: ForgejoApiLabel[] | null | undefined) =>
  (labels ?? []).map(l => ({ name: l.name ?? '', color: l.color }));

export function toPullRequest(
  pr: ForgejoApiPullRequest,
): ForgejoPullRequestItem {
  let state: ForgejoPullRequestItem['state'] =
    pr.state === 'closed' ? 'closed' : 'open';
  if (pr.merged) state = 'merged';
  return {
    number: pr.number ?? 0,
    title: pr.title ?? '',
    state,
    draft: Boolean(pr.draft),
    authorLogin: pr.user?.login,
    headRef: pr.head?.ref,
    baseRef: pr.base?.ref,
    labels: toLabels(pr.labels),
    comments: pr.comments,
    createdAt: pr.created_at,
    updatedAt: pr.updated_at,
    htmlUrl: httpUrl(pr.html_url),
  };
}

export function toIssue(issue: ForgejoApiIssue): ForgejoIssueItem {
  return {
    number: issue.number ?? 0,
    title: issue.title ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    authorLogin: issue.user?.login,
    labels: toLabels(issue.labels),
    comments: issue.comments,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    htmlUrl: httpUrl(issue.html_url),
  };
}

/** Forgejo run/task statuses: success, failure, cancelled, skipped, waiting, running, blocked, unknown. */
export function toRunStatus(value: string | undefined): ForgejoRunStatus {
  switch (value) {
    case 'success':
    case 'failure':
    case 'cancelled':
    case 'skipped':
    case 'running':
    case 'waiting':
    case 'blocked':
      return value;
    case 'completed':
      return 'success';
    case 'in_progress':
      return 'running';
    case 'queued':
    case 'pending':
      return 'waiting';
    default:
      return 'unknown';
  }
}

/** Go's zero time (0001-01-01) and the epoch mean "not set" in Forgejo answers. */
export function validTime(iso: string | undefined): string | undefined {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) && ms > Date.UTC(1971, 0, 1) ? iso : undefined;
}

function seconds(from?: string, to?: string): number | undefined {
  const start = validTime(from);
  const end = validTime(to);
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : undefined;
}

/** Only links that lead to Forgejo's web UI (never the API) are kept. */
function webLink(url: string | undefined): string | undefined {
  const safe = httpUrl(url);
  return safe && !safe.includes('/api/v1/') ? safe : undefined;
}

export function fromActionRun(
  run: ForgejoApiActionRun,
  actionsUrl: string,
): ForgejoCiRun {
  const runNumber = run.run_number ?? run.index_in_repo;
  const finished = ['success', 'failure', 'cancelled', 'skipped'].includes(
    run.status ?? '',
  );
  const duration =
    typeof run.duration === 'number'
      ? Math.round(run.duration > 1e6 ? run.duration / 1e9 : run.duration) // Go durations are nanoseconds
      : seconds(run.started, finished ? run.stopped ?? run.updated : undefined);
  return {
    id: run.id ?? 0,
    runNumber,
    workflow: run.workflow_id ?? run.name ?? 'workflow',
    title: run.title ?? run.name,
    status: toRunStatus(run.status),
    event: run.event ?? run.trigger_event,
    ref: run.head_branch ?? run.prettyref,
    commitSha: run.head_sha ?? run.commit_sha,
    startedAt: validTime(run.started) ?? validTime(run.created),
    updatedAt: validTime(run.updated) ?? validTime(run.stopped),
    durationSeconds: duration,
    htmlUrl:
      webLink(run.html_url) ??
      webLink(run.url) ??
      (runNumber !== undefined ? `${actionsUrl}/runs/${runNumber}` : undefined),
  };
}

export function fromActionTask(
  task: ForgejoApiActionTask,
  actionsUrl: string,
): ForgejoCiRun {
  const finished = ['success', 'failure', 'cancelled', 'skipped'].includes(
    task.status ?? '',
  );
  return {
    id: task.id ?? 0,
    runNumber: task.run_number,
    workflow: task.workflow_id ?? 'workflow',
    title: task.display_title ?? task.name,
    status: toRunStatus(task.status),
    event: task.event,
    ref: task.head_branch,
    commitSha: task.head_sha,
    startedAt: validTime(task.run_started_at) ?? validTime(task.created_at),
    updatedAt: validTime(task.updated_at),
    durationSeconds: finished
      ? seconds(task.run_started_at, task.updated_at)
      : undefined,
    htmlUrl:
      webLink(task.url) ??
      (task.run_number !== undefined
        ? `${actionsUrl}/runs/${task.run_number}`
        : undefined),
  };
}

/** Commit status words (pending, success, error, failure, warning) in run terms. */
function statusOfContext(status: string | undefined): ForgejoRunStatus {
  if (status === 'error') return 'failure';
  if (status === 'pending') return 'waiting';
  return toRunStatus(status);
}

export function fromCombinedStatus(
  combined: ForgejoApiCombinedStatus,
  branch: string,
): ForgejoCiRun[] {
  return (combined.statuses ?? []).map((s, i) => ({
    id: s.id ?? i,
    workflow: s.context ?? 'status',
    title: s.description || undefined,
    status: statusOfContext(s.status),
    ref: branch,
    commitSha: combined.sha,
    startedAt: s.created_at,
    updatedAt: s.updated_at,
    durationSeconds: undefined,
    htmlUrl: httpUrl(s.target_url),
  }));
}
