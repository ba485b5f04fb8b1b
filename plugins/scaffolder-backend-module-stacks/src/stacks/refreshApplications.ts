import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AppliedObject } from '../kubernetes/applyManifests';
import type { KubeClient } from '../kubernetes/KubeClient';
import type { Manifest } from '../kubernetes/manifests';
import {
  ARGOCD_REFRESH_ANNOTATION,
  throwIfAborted,
} from '../kubernetes/readiness';
import type { SyncedRepository } from './syncRepositories';

function repoUrlsOf(app: Manifest): string[] {
  const spec = (app as Record<string, any>).spec ?? {};
  return [spec.source, ...(spec.sources ?? [])]
    .map(s => s?.repoURL)
    .filter((u): u is string => typeof u === 'string');
}

/**
 * Asks ArgoCD to refresh the Applications that existed before this run and whose repository has
 * just received a new commit. Their spec did not change, so ArgoCD would only notice the commit at
 * its next resync (minutes by default); the refresh annotation makes it compare at once, and the
 * wait that follows does not take the previous revision's Synced/Healthy for the new one.
 * Returns the names of the refreshed Applications.
 */
export async function refreshApplications(
  client: KubeClient,
  options: {
    apps: Manifest[];
    applied: AppliedObject[];
    repositories: SyncedRepository[];
    logger: LoggerService;
    signal?: AbortSignal;
  },
): Promise<string[]> {
  const updated = new Set(
    options.repositories
      .filter(r => r.action === 'updated')
      .map(r => r.cloneUrl),
  );
  if (updated.size === 0) return [];
  const created = new Set(
    options.applied
      .filter(a => a.kind === 'Application' && a.action === 'created')
      .map(a => `${a.namespace}/${a.name}`),
  );
  const refreshed: string[] = [];
  for (const app of options.apps) {
    const { name, namespace } = app.metadata;
    if (created.has(`${namespace}/${name}`)) continue;
    if (!repoUrlsOf(app).some(url => updated.has(url))) continue;
    throwIfAborted(options.signal);
    await client.annotate(app, { [ARGOCD_REFRESH_ANNOTATION]: 'normal' });
    options.logger.info(
      `Application ${name}: new commit in its repository, refresh requested`,
    );
    refreshed.push(name);
  }
  return refreshed;
}
