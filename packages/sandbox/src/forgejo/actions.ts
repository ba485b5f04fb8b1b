import type {
  CommitState,
  ForgejoStore,
  RepoRecord,
  RunRecord,
  RunStatus,
  StatusRecord,
  UserRecord,
} from './model';
import { userJson, type Links } from './shapes/accounts';
import { repoHtml, repoJson, repoPath } from './shapes/repository';

/** How Forgejo Actions reports a job's state as a commit status (services/actions/commit_status.go). */
function commitStateOf(status: RunStatus): CommitState {
  if (status === 'success' || status === 'skipped') return 'success';
  if (status === 'failure' || status === 'cancelled') return 'failure';
  return 'pending';
}

function describe(status: RunStatus, seconds: number): string {
  switch (status) {
    case 'success':
      return `Successful in ${seconds}s`;
    case 'failure':
      return `Failing after ${seconds}s`;
    case 'cancelled':
      return 'Has been cancelled';
    case 'running':
      return 'Has started running';
    case 'skipped':
      return 'Has been skipped';
    default:
      return 'Waiting to run';
  }
}

/** One commit status per job, the way Forgejo Actions writes them: context `<workflow> / <job> (<event>)`. */
export function statusesForRun(
  store: ForgejoStore,
  repo: RepoRecord,
  run: RunRecord,
): StatusRecord[] {
  return run.jobs.map((job, index) => {
    const seconds =
      job.started && job.stopped
        ? Math.round((Date.parse(job.stopped) - Date.parse(job.started)) / 1000)
        : 0;
    return {
      id: store.id('status'),
      sha: run.sha,
      state: commitStateOf(job.status),
      context: `${run.workflowId.replace(/\.ya?ml$/, '')} / ${job.name} (${
        run.event
      })`,
      description: describe(job.status, seconds),
      // Relative: the stand-in's URL is known only once it listens.
      targetUrl: `${repoPath(repo)}/actions/runs/${
        run.runNumber
      }/jobs/${index}`,
      creator: run.actor,
      created: job.stopped ?? job.started ?? run.created,
    };
  });
}

const absolute = (links: Links, url: string) =>
  url.startsWith('/') ? `${links.baseUrl()}${url}` : url;

/** structs.CommitStatus */
export function statusJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  status: StatusRecord,
  viewer?: UserRecord,
) {
  const creator = store.user(status.creator);
  return {
    id: status.id,
    status: status.state,
    target_url: absolute(links, status.targetUrl),
    description: status.description,
    url: `${links.baseUrl()}/api/v1/repos${repoPath(repo)}/statuses/${
      status.sha
    }`,
    context: status.context,
    creator: creator ? userJson(links, creator, viewer) : null,
    created_at: status.created,
    updated_at: status.created,
  };
}

/** The newest status per context for `sha`, most recent first (what Forgejo combines). */
export function latestStatuses(repo: RepoRecord, sha: string): StatusRecord[] {
  const latest = new Map<string, StatusRecord>();
  for (const s of repo.statuses
    .filter(x => x.sha === sha)
    .sort((a, b) => a.id - b.id))
    latest.set(s.context, s);
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/** Forgejo's CalcCommitStatus: the worst state wins (error > failure > warning > pending > success). */
export function combineStates(states: CommitState[]): CommitState {
  const order: CommitState[] = [
    'error',
    'failure',
    'warning',
    'pending',
    'success',
  ];
  return order.find(s => states.includes(s)) ?? 'success';
}

/** structs.CombinedStatus; Forgejo sends an all-empty object when the commit has no statuses. */
export async function combinedStatusJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  sha: string,
  page: StatusRecord[],
  total: number,
  viewer?: UserRecord,
) {
  if (total === 0) {
    return {
      state: '',
      sha: '',
      total_count: 0,
      statuses: null,
      repository: null,
      commit_url: '',
      url: '',
    };
  }
  return {
    state: combineStates(latestStatuses(repo, sha).map(s => s.state)),
    sha,
    total_count: total,
    statuses: page.map(s => statusJson(links, store, repo, s, viewer)),
    repository: await repoJson(links, store, repo, viewer),
    commit_url: `${links.baseUrl()}/api/v1/repos${repoPath(
      repo,
    )}/commits/${sha}`,
    url: `${links.baseUrl()}/api/v1/repos${repoPath(
      repo,
    )}/commits/${sha}/status`,
  };
}

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Fields of Forgejo 12's ActionRun that the swagger's RepoActionRun does not name (see runJson). */
export const FORGEJO_ACTION_RUN_EXTRAS = [
  'title',
  'index_in_repo',
  'trigger_user',
  'prettyref',
  'commit_sha',
  'trigger_event',
  'started',
  'stopped',
  'created',
  'updated',
  'duration',
  'html_url',
];

/**
 * An entry of GET /repos/{owner}/{repo}/actions/runs. It carries the swagger's RepoActionRun fields
 * and the fields Forgejo 12 servers send from their ActionRun struct (FORGEJO_ACTION_RUN_EXTRAS:
 * timestamps, `duration` in nanoseconds as Go encodes time.Duration), so clients of either shape work.
 */
export function runJson(
  links: Links,
  store: ForgejoStore,
  repo: RepoRecord,
  run: RunRecord,
  viewer?: UserRecord,
) {
  const actor = store.user(run.actor);
  const actorJson = actor ? userJson(links, actor, viewer) : null;
  const htmlUrl = repoHtml(links, repo, `/actions/runs/${run.runNumber}`);
  const end = run.stopped ? Date.parse(run.stopped) : Date.now();
  const durationNs = run.started
    ? Math.max(0, end - Date.parse(run.started)) * 1_000_000
    : 0;
  return {
    id: run.id,
    name: run.title,
    workflow_id: run.workflowId,
    run_number: run.runNumber,
    event: run.event,
    head_branch: run.branch,
    head_sha: run.sha,
    status: run.status,
    triggering_actor: actorJson,
    url: htmlUrl,
    title: run.title,
    index_in_repo: run.runNumber,
    trigger_user: actorJson,
    prettyref: run.branch,
    commit_sha: run.sha,
    trigger_event: run.event,
    started: run.started ?? GO_ZERO_TIME,
    stopped: run.stopped ?? GO_ZERO_TIME,
    created: run.created,
    updated: run.stopped ?? run.started ?? run.created,
    duration: durationNs,
    html_url: htmlUrl,
  };
}

/** structs.ActionTask, one per job (GET /repos/{owner}/{repo}/actions/tasks, Forgejo 8+). */
export function tasksOf(links: Links, repo: RepoRecord) {
  return repo.runs.flatMap(run =>
    run.jobs.map((job, index) => ({
      id: job.id,
      name: job.name,
      head_branch: run.branch,
      head_sha: run.sha,
      run_number: run.runNumber,
      event: run.event,
      display_title: run.title,
      status: job.status,
      workflow_id: run.workflowId,
      url: repoHtml(
        links,
        repo,
        `/actions/runs/${run.runNumber}/jobs/${index}`,
      ),
      created_at: run.created,
      updated_at: job.stopped ?? job.started ?? run.created,
      // Go's zero time, which Forgejo sends for jobs that have not started.
      run_started_at: job.started ?? GO_ZERO_TIME,
    })),
  );
}
