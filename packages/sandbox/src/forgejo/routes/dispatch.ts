import type { Router } from 'express';
import YAML from 'yaml';
import { readBlob, resolveCommit, statPath } from '../git/read';
import { asyncRouter } from '../http/asyncRouter';
import { type ApiContext, repoOf, viewerOf } from '../http/context';
import { notFound, sendError } from '../http/errors';
import type { RepoRecord, RunRecord, RunStatus } from '../model';

/** Where Forgejo looks for workflows, in its order. */
const WORKFLOW_DIRS = [
  '.forgejo/workflows',
  '.gitea/workflows',
  '.github/workflows',
];
/** How long a dispatched run waits, then runs, before it succeeds (a stand-in for a runner). */
const WAIT_MS = 1000;
const RUN_MS = 2000;

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

interface DispatchInput {
  description?: unknown;
  required?: boolean;
  default?: unknown;
}

/** The `on.workflow_dispatch` section of a workflow, or undefined when it cannot be dispatched. */
function dispatchTrigger(
  workflow: Record<string, any>,
): { inputs?: Record<string, DispatchInput> } | undefined {
  const on = workflow.on ?? workflow.true; // YAML 1.1 reads a bare `on` key as true
  if (on === 'workflow_dispatch') return {};
  if (Array.isArray(on))
    return on.includes('workflow_dispatch') ? {} : undefined;
  if (on && typeof on === 'object' && 'workflow_dispatch' in on)
    return on.workflow_dispatch ?? {};
  return undefined;
}

/**
 * Forgejo's GetWorkflowFromCommit: only the first workflow folder that exists at the commit is read
 * (actions.ListWorkflows), and the file must be in it.
 */
async function readWorkflow(repo: RepoRecord, sha: string, name: string) {
  for (const dir of WORKFLOW_DIRS) {
    const folder = await statPath(repo.gitDir, sha, dir);
    if (folder?.type !== 'tree') continue;
    const entry = await statPath(repo.gitDir, sha, `${dir}/${name}`);
    if (entry?.type !== 'blob') return undefined;
    return {
      path: `${dir}/${name}`,
      doc: YAML.parse(
        (await readBlob(repo.gitDir, entry.sha)).toString('utf8'),
      ),
    };
  }
  return undefined;
}

/** Forgejo's resolveDispatchInput: an empty value takes the default; none at all fails if required. */
export function missingRequiredInput(
  inputs: Record<string, DispatchInput | null>,
  given: Record<string, string>,
): string | undefined {
  for (const [name, spec] of Object.entries(inputs)) {
    const fallback =
      spec?.default === undefined || spec.default === null
        ? ''
        : String(spec.default);
    if (spec?.required && !given[name] && !fallback) {
      return typeof spec.description === 'string' && spec.description
        ? spec.description
        : name;
    }
  }
  return undefined;
}

/**
 * POST /repos/{owner}/{repo}/actions/workflows/{workflowname}/dispatches (Forgejo's DispatchWorkflow):
 * starts a `workflow_dispatch` run of a workflow file at `ref` with string inputs. The run is listed
 * by /actions/runs at once (waiting), then runs and succeeds, as a runner would make it.
 */
export function dispatchRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.post('/actions/workflows/:workflow/dispatches', async (req, res) => {
    const repo = repoOf(res);
    const viewer = viewerOf(res);
    if (!viewer || !store.canWrite(viewer, repo))
      return sendError(
        res,
        links,
        403,
        'user should have write access to the repository',
      );
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.ref !== undefined && typeof body.ref !== 'string')
      return sendError(res, links, 422, 'ref must be a string');
    // Forgejo's handler: `if len(opt.Ref) == 0 { ctx.Error(400, "ref", "ref is empty") }`.
    if (!body.ref) return sendError(res, links, 400, 'ref is empty');
    const inputs = body.inputs ?? {};
    if (
      typeof inputs !== 'object' ||
      Array.isArray(inputs) ||
      Object.values(inputs as object).some(v => typeof v !== 'string')
    )
      return sendError(res, links, 422, 'inputs must map names to strings');
    const ref = body.ref.replace(/^refs\/(heads|tags)\//, '');
    const sha = await resolveCommit(repo.gitDir, ref);
    if (!sha) return notFound(res, links);
    const found = await readWorkflow(repo, sha, req.params.workflow);
    if (!found) return notFound(res, links);
    const workflow = found.doc ?? {};
    const trigger = dispatchTrigger(workflow);
    if (!trigger)
      return sendError(
        res,
        links,
        400,
        'workflow is not configured for workflow_dispatch',
      );
    const missing = missingRequiredInput(
      trigger.inputs ?? {},
      inputs as Record<string, string>,
    );
    if (missing)
      return sendError(res, links, 400, `input required for '${missing}'`);

    const run: RunRecord = {
      id: store.id('run'),
      runNumber:
        repo.runs.reduce((max, r) => Math.max(max, r.runNumber), 0) + 1,
      // Forgejo's title: the workflow's name, else its full path.
      title:
        typeof workflow.name === 'string' && workflow.name
          ? workflow.name
          : found.path,
      workflowId: req.params.workflow,
      event: 'workflow_dispatch',
      branch: ref,
      sha,
      status: 'waiting',
      actor: viewer.login,
      created: now(),
      jobs: Object.keys(workflow.jobs ?? { build: {} }).map(name => ({
        id: store.id('job'),
        name,
        status: 'waiting' as RunStatus,
      })),
    };
    repo.runs.push(run);
    const advance = (status: RunStatus) => {
      const at = now();
      run.status = status;
      if (status === 'running') run.started = at;
      else run.stopped = at;
      for (const job of run.jobs) {
        job.status = status;
        if (status === 'running') job.started = at;
        else job.stopped = at;
      }
    };
    setTimeout(() => advance('running'), WAIT_MS).unref();
    setTimeout(() => advance('success'), WAIT_MS + RUN_MS).unref();

    if (body.return_run_info === true) {
      return res.status(201).json({
        id: run.id,
        run_number: run.runNumber,
        jobs: run.jobs.map(j => j.name),
      });
    }
    return res.status(204).end();
  });

  return router;
}
