import { isDeepStrictEqual } from 'node:util';
import type { SpecCondition } from './validation';
import { REFRESH_ANNOTATION, type Application } from './types';

/** The condition types ArgoCD's controller recomputes on every refresh (`refreshAppConditions`). */
const SPEC_CONDITION_TYPES = new Set(['InvalidSpecError', 'UnknownError']);

const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The status without the fields that change on every look. */
const material = (app: Application) => {
  const { reconciledAt: _r, observedAt: _o, ...rest } = app.status ?? {};
  return rest;
};

/**
 * What ArgoCD's controller writes for an Application whose spec it finds invalid: the
 * InvalidSpecError conditions (earlier ones replaced, an unchanged message keeps its
 * lastTransitionTime), sync and health Unknown, no comparison; a requested sync ends in Error as
 * `SyncAppState` ends it, and the refresh annotation is answered. Returns whether anything a
 * client would notice changed.
 */
export function recordSpecErrors(
  app: Application,
  conditions: SpecCondition[],
): boolean {
  const refreshed = !!app.metadata.annotations?.[REFRESH_ANNOTATION];
  if (refreshed) delete app.metadata.annotations![REFRESH_ANNOTATION];
  const before = material(app);
  const status = (app.status ??= {});
  const previous = status.conditions ?? [];
  status.conditions = [
    ...previous.filter(c => !SPEC_CONDITION_TYPES.has(c.type)),
    ...conditions.map(c => ({
      ...c,
      lastTransitionTime:
        previous.find(p => p.type === c.type && p.message === c.message)
          ?.lastTransitionTime ?? stamp(),
    })),
  ];
  status.sync = { ...status.sync, status: 'Unknown' };
  status.health = { status: 'Unknown' };
  if (app.operation) {
    const missingProject = conditions.find(c =>
      c.message.startsWith('Application referencing project'),
    );
    status.operationState = {
      operation: app.operation,
      phase: 'Error',
      message: missingProject
        ? `Failed to load application project: error getting app project "${app.spec.project}": appproject.argoproj.io "${app.spec.project}" not found`
        : conditions.map(c => `${c.type}: ${c.message}`).join('; '),
      startedAt: stamp(),
      finishedAt: stamp(),
    };
    delete app.operation;
  }
  if (!refreshed && isDeepStrictEqual(before, material(app))) return false;
  status.reconciledAt = stamp();
  return true;
}

/** Takes InvalidSpecError conditions off once the spec is valid again. */
export function clearSpecErrors(app: Application): void {
  const conditions = app.status?.conditions;
  if (!conditions) return;
  app.status!.conditions = conditions.filter(
    c => !SPEC_CONDITION_TYPES.has(c.type),
  );
  if (app.status!.conditions.length === 0) delete app.status!.conditions;
}
