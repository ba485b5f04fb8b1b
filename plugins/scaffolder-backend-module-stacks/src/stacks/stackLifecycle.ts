import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { AppliedObject } from '../kubernetes/applyManifests';
import type { KubeClient } from '../kubernetes/KubeClient';
import { throwIfAborted } from '../kubernetes/readiness';
import { STACK_LABEL } from './validateStack';

/** What a run did to the stack's Applications and ApplicationSets, compared with what was there. */
export interface StackChanges {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** In the cluster with the stack's label, but no longer in the stack. */
  removed: string[];
  /** Whether the removed ones were deleted (`prune: true`). */
  pruned: boolean;
  /** Repositories the removed Applications used; never deleted. */
  keptRepositories: string[];
}

const ARGO_KINDS = ['Application', 'ApplicationSet'];
const name = (kind: string, n: string) =>
  kind === 'Application' ? n : `${kind}/${n}`;

function repoUrls(object: Record<string, any>): string[] {
  const spec = object.spec ?? {};
  const holders = [spec, spec.template?.spec ?? {}];
  return holders
    .flatMap(h => [h.source, ...(h.sources ?? [])])
    .map(s => s?.repoURL)
    .filter((u): u is string => typeof u === 'string');
}

/**
 * Compares the applied Applications and ApplicationSets with those carrying the stack's label, and
 * deletes the ones the stack no longer has when `prune` is set. Applications an ApplicationSet
 * generates are its own business (its controller adds and removes them).
 */
export async function stackLifecycle(
  client: KubeClient,
  options: {
    stackName: string;
    namespace: string;
    applied: AppliedObject[];
    prune: boolean;
    dryRun: boolean;
    logger: LoggerService;
    signal?: AbortSignal;
  },
): Promise<StackChanges> {
  const changes: StackChanges = {
    added: [],
    changed: [],
    unchanged: [],
    removed: [],
    pruned: false,
    keptRepositories: [],
  };
  const wanted = new Set<string>();
  for (const a of options.applied) {
    if (!ARGO_KINDS.includes(a.kind)) continue;
    wanted.add(`${a.kind}/${a.name}`);
    const shown = name(a.kind, a.name);
    if (a.action === 'created') changes.added.push(shown);
    else if (a.action === 'configured') changes.changed.push(shown);
    else changes.unchanged.push(shown);
  }
  const selector = `${STACK_LABEL}=${options.stackName}`;
  const stale: Array<Record<string, any>> = [];
  // Both kinds are listed together (one round trip of a rerun, not two).
  const listed = await Promise.all(
    ARGO_KINDS.map(async kind => {
      // A cluster that does not serve ApplicationSets has none to remove.
      const served = await client.resource('argoproj.io/v1alpha1', kind).then(
        () => true,
        e => {
          if (e instanceof InputError) return false;
          throw e;
        },
      );
      return served
        ? client.list('argoproj.io/v1alpha1', kind, options.namespace, selector)
        : [];
    }),
  );
  for (const [k, kind] of ARGO_KINDS.entries()) {
    for (const item of listed[k]) {
      const generated = (item.metadata?.ownerReferences ?? []).some(
        (r: { kind?: string }) => r.kind === 'ApplicationSet',
      );
      if (generated || wanted.has(`${kind}/${item.metadata?.name}`)) continue;
      stale.push({ ...item, kind, apiVersion: 'argoproj.io/v1alpha1' });
    }
  }
  for (const item of stale.sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name),
  )) {
    changes.removed.push(name(item.kind, item.metadata.name));
    changes.keptRepositories.push(...repoUrls(item));
  }
  changes.keptRepositories = [...new Set(changes.keptRepositories)].sort();
  if (stale.length === 0) return changes;
  if (!options.prune || options.dryRun) {
    options.logger.warn(
      `No longer in stack "${
        options.stackName
      }" but still in the cluster: ${changes.removed.join(', ')}${
        options.dryRun && options.prune
          ? ' (would be deleted; dry run)'
          : '; run with prune: true to delete them'
      }`,
    );
    return changes;
  }
  for (const item of stale) {
    throwIfAborted(options.signal);
    await client.delete(item as any);
    options.logger.info(
      `${item.kind} ${options.namespace}/${item.metadata.name} removed from the stack: deleted`,
    );
  }
  changes.pruned = true;
  if (changes.keptRepositories.length > 0)
    options.logger.info(
      `Repositories of the deleted Applications are kept: ${changes.keptRepositories.join(
        ', ',
      )}`,
    );
  return changes;
}
