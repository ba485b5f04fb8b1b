import { InputError } from '@backstage/errors';
import type {
  ArgoCDApplicationHistory,
  ArgoCDRevisionMetadataResult,
  ArgoCDRevisionRef,
} from '@edp/plugin-argocd-common';
import {
  type ArgoCDApplication,
  type ArgoCDService,
  type InstanceOutcome,
} from '@edp/plugin-argocd-node';

/** Most revisions one metadata request may ask for: the cards ask for the rows they show. */
export const METADATA_LIMIT = 10;

/** Validates the body of the metadata request. */
export function parseRevisionRefs(body: unknown): ArgoCDRevisionRef[] {
  const revisions = (body as { revisions?: unknown })?.revisions;
  if (!Array.isArray(revisions)) {
    throw new InputError(
      'The body must be {"revisions": [{"instance", "app", "revision", "namespace"?}]}',
    );
  }
  if (revisions.length > METADATA_LIMIT) {
    throw new InputError(
      `At most ${METADATA_LIMIT} revisions per request; this one asks for ${revisions.length}`,
    );
  }
  return revisions.map((r, i) => {
    for (const key of ['instance', 'app', 'revision'] as const) {
      if (typeof r?.[key] !== 'string' || r[key] === '') {
        throw new InputError(
          `revisions[${i}].${key} must be a non-empty string`,
        );
      }
    }
    if (r.namespace !== undefined && typeof r.namespace !== 'string') {
      throw new InputError(
        `revisions[${i}].namespace must be a string when given`,
      );
    }
    return {
      instance: r.instance,
      app: r.app,
      revision: r.revision,
      namespace: r.namespace,
    };
  });
}

/**
 * Loads metadata of revisions that the entity's applications actually deployed; anything else is
 * refused per row, so the route cannot be used to read other applications.
 */
export async function loadRevisionMetadata(
  argocd: ArgoCDService,
  outcomes: InstanceOutcome<ArgoCDApplication[]>[],
  refs: ArgoCDRevisionRef[],
): Promise<ArgoCDRevisionMetadataResult[]> {
  const known = new Set<string>();
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    for (const app of outcome.value) {
      const revisions = [
        ...(app.status?.history ?? []).flatMap(h => [
          h.revision,
          ...(h.revisions ?? []),
        ]),
        app.status?.sync?.revision,
      ];
      for (const revision of revisions) {
        if (revision)
          known.add(
            JSON.stringify([
              outcome.instance,
              app.metadata?.namespace ?? '',
              app.metadata?.name,
              revision,
            ]),
          );
      }
    }
  }
  const settled = await Promise.allSettled(
    refs.map(async ref => {
      const key = JSON.stringify([
        ref.instance,
        ref.namespace ?? '',
        ref.app,
        ref.revision,
      ]);
      if (!known.has(key)) {
        throw new Error(
          `Revision ${ref.revision} of "${ref.app}" on "${ref.instance}" is not in this entity's history`,
        );
      }
      return argocd.getRevisionMetadata(
        ref.instance,
        ref.app,
        ref.revision,
        ref.namespace,
      );
    }),
  );
  return settled.map((result, i): ArgoCDRevisionMetadataResult => {
    const ref = refs[i];
    if (result.status === 'rejected') {
      const message =
        result.reason instanceof Error
          ? result.reason.message
          : String(result.reason);
      return { ...ref, ok: false, error: message };
    }
    const { author, date, message } = result.value;
    return { ...ref, ok: true, author, date, message };
  });
}

/**
 * Starts loading the metadata of the history card's first page (the first `limit` deployments in
 * the order the card lists them). Results land in the service's cache; failures are left for the
 * card's own request to report.
 */
export function prefetchFirstPage(
  argocd: ArgoCDService,
  applications: ArgoCDApplicationHistory[],
  limit: number,
) {
  const firstPage = applications
    .flatMap(app => app.deployments.map(d => ({ app, revision: d.revision })))
    .slice(0, limit);
  for (const { app, revision } of firstPage) {
    if (!revision) continue;
    argocd
      .getRevisionMetadata(app.instance, app.name, revision, app.namespace)
      .catch(() => {});
  }
}
