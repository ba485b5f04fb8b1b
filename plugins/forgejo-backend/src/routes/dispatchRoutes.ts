import type { AuditorService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  forgejoWorkflowDispatchPermission,
  type ForgejoDispatchOptions,
  type ForgejoDispatchResult,
} from '@edp/plugin-forgejo-common';
import {
  type ForgejoClient,
  type ForgejoRepoRef,
  isForgejoError,
} from '@edp/plugin-forgejo-node';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { ForgejoCards } from '../services/ForgejoCards';
import {
  checkDispatch,
  parseDispatchRequest,
} from '../services/dispatchRequest';
import type { RepoAccessFn } from '../services/repoAccess';
import { answer } from './answer';

/** What the dispatch routes need. */
export interface DispatchRoutesOptions {
  access: RepoAccessFn;
  auditor: AuditorService;
  client: ForgejoClient;
  cards: ForgejoCards;
}

const BASE = '/entity/:kind/:namespace/:name/ci';

/** Forgejo refuses a dispatch it cannot start with these (unknown workflow or ref, missing input). */
const REFUSALS = [400, 404, 422];

const slug = (repo: ForgejoRepoRef) => `${repo.owner}/${repo.repo}`;

/**
 * `GET .../ci/workflows?ref=`: what the Run workflow dialog offers (workflows with their inputs at the
 * ref, branches). `POST .../ci/dispatches`: starts one with the integration's token. Both check
 * `forgejo.repository.read` and `forgejo.workflow.dispatch` on the entity with the caller's
 * credentials (403 without either); the dispatch validates the body against the workflows at that ref
 * (400 naming the field), records every attempt with the auditor, and drops the CI card's cached runs
 * so the new run shows on the card's next poll.
 */
export function dispatchRoutes(options: DispatchRoutesOptions) {
  const { access, auditor, client, cards } = options;
  const router = Router();

  const mayDispatch = async (req: Request) => {
    const granted = await access(req, [forgejoWorkflowDispatchPermission]);
    if (!granted.allowed[0]) {
      throw new NotAllowedError(
        `You may not start workflows of the Forgejo repository of ${granted.entityRef} (forgejo.workflow.dispatch)`,
      );
    }
    return granted;
  };

  router.get(`${BASE}/workflows`, async (req, res) => {
    const raw = req.query.ref;
    if (raw !== undefined && (typeof raw !== 'string' || raw.trim() === '')) {
      throw new InputError(
        'Query parameter "ref" must be a branch name, or absent for the default branch',
      );
    }
    await answer(res, async (): Promise<ForgejoDispatchOptions> => {
      const { repo } = await mayDispatch(req);
      const { refIsBranch, ...offered } = await cards.dispatchOptions(
        repo,
        raw?.trim(),
        req.query.fresh === 'true',
      );
      if (!refIsBranch) {
        throw new InputError(
          `ref "${offered.ref}" is not a branch of ${slug(
            repo,
          )}; choose one of: ${offered.branches.join(', ')}`,
        );
      }
      return offered;
    });
  });

  router.post(`${BASE}/dispatches`, async (req, res) => {
    const audit = await auditor.createEvent({
      eventId: 'forgejo-workflow-dispatch',
      severityLevel: 'medium',
      request: req,
      meta: {
        entity: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
      },
    });
    // What the attempt was about, as far as it got: failures are audited with it too.
    const about: Record<string, string> = {};
    try {
      const { repo, entityRef } = await mayDispatch(req);
      about.entity = entityRef;
      about.repository = `${repo.host}/${slug(repo)}`;
      const request = parseDispatchRequest(req.body);
      about.workflow = request.workflow;
      about.ref = request.ref;
      // The dialog read the default branch's entry (no ref); a dispatch on it reuses that entry.
      const onDefault = await cards.dispatchOptions(repo);
      const offered =
        onDefault.ref === request.ref
          ? onDefault
          : await cards.dispatchOptions(repo, request.ref);
      const inputs = checkDispatch(request, offered, slug(repo));
      let run;
      try {
        run = await client.dispatchWorkflow(repo, request.workflow, {
          ref: request.ref,
          inputs,
        });
      } catch (e) {
        if (isForgejoError(e) && REFUSALS.includes(e.upstreamStatus ?? 0)) {
          throw new InputError(
            `Forgejo refused to start ${request.workflow} on ${request.ref}: ${e.message}`,
          );
        }
        throw e;
      }
      await cards.forgetCi(repo);
      const body: ForgejoDispatchResult = {
        workflow: request.workflow,
        ref: request.ref,
        runId: run.runId,
        runNumber: run.runNumber,
      };
      await audit.success({
        meta: {
          ...about,
          inputs: Object.keys(inputs),
          ...(run.runId !== undefined ? { runId: run.runId } : {}),
        },
      });
      res.status(201).json(body);
    } catch (error) {
      await audit.fail({ error: error as Error, meta: about });
      throw error;
    }
  });

  return router;
}
