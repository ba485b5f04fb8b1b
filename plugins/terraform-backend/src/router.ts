import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  terraformDriftCheckPermission,
  terraformStateReadPermission,
  type TerraformDrift,
  type TerraformStateResponse,
} from '@edp/plugin-terraform-common';
import express from 'express';
import Router from 'express-promise-router';
import type { DriftChecks } from './drift/DriftChecks';
import {
  ENTITY_ROUTE_PATH,
  entityRouteRef,
  type EntityAccess,
} from '@edp/plugin-edp-cache-node';
import { locationOf, type EntityStates } from './services/EntityStates';
import { presentOutputs, presentResources } from './services/present';

/** What the router needs; built by the plugin, or by tests. */
export interface RouterOptions {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  access: EntityAccess;
  states: EntityStates;
  drift: DriftChecks;
}

/**
 * Routes of the `edp-terraform` backend. Each reads the entity with the caller's credentials and
 * checks `terraform.state.read` on it; "check now" also needs `terraform.drift.check`. The
 * cluster token stays here: the card gets outputs (sensitive ones without value), resources, runs
 * and the drift result, never the state.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auditor, httpAuth, access, states, drift } = options;
  const router = Router();
  router.use(express.json({ limit: '1kb' }));

  router.get(`${ENTITY_ROUTE_PATH}/state`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      entity,
      allowed: [canCheckDrift],
    } = await access.require(
      entityRouteRef(req),
      terraformStateReadPermission,
      credentials,
      [terraformDriftCheckPermission],
    );
    const location = locationOf(entity);
    const { snapshot, fetchedAt } = await states.read(location);
    const state = snapshot.stored?.state;
    const body: TerraformStateResponse = {
      location: entity.metadata.annotations!['edp.io/terraform-state'],
      exists: Boolean(state),
      ...(state?.terraform_version
        ? { terraformVersion: state.terraform_version }
        : {}),
      ...(state?.serial !== undefined ? { serial: state.serial } : {}),
      outputs: state ? presentOutputs(state) : [],
      resources: state ? presentResources(state) : [],
      runs: snapshot.record.runs,
      drift: snapshot.record.drift ?? { status: 'unchecked' },
      canCheckDrift,
      fetchedAt: new Date(fetchedAt).toISOString(),
    };
    res.json(body);
  });

  router.post(`${ENTITY_ROUTE_PATH}/drift/check`, async (req, res) => {
    const ref = stringifyEntityRef(entityRouteRef(req));
    const audit = await auditor.createEvent({
      eventId: 'terraform-drift-check',
      severityLevel: 'low',
      request: req,
      meta: { entity: ref },
    });
    try {
      const credentials = await httpAuth.credentials(req);
      const {
        entity,
        allowed: [mayCheck],
      } = await access.require(
        entityRouteRef(req),
        terraformStateReadPermission,
        credentials,
        [terraformDriftCheckPermission],
      );
      if (!mayCheck) {
        throw new NotAllowedError(
          `You are not allowed to run the drift check of ${ref} now (terraform.drift.check); it runs on its schedule.`,
        );
      }
      const result: TerraformDrift = await drift.check(entity);
      await audit.success({ meta: { status: result.status } });
      res.json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
