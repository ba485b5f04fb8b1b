import type {
  ArgoCDApplicationHistory,
  ArgoCDApplicationSummary,
  ArgoCDInstanceError,
} from '@edp/plugin-argocd-common';
import type {
  ArgoCDApplication,
  ArgoCDApplicationSource,
  ArgoCDError,
  ArgoCDInstanceInfo,
  CommitLinker,
} from '@edp/plugin-argocd-node';

/** Turns ArgoCD objects into the card payloads. */
export class Presenter {
  constructor(private readonly linker: CommitLinker) {}

  summary(
    app: ArgoCDApplication,
    instance: ArgoCDInstanceInfo,
  ): ArgoCDApplicationSummary {
    const name = app.metadata?.name ?? '(unnamed)';
    const namespace = app.metadata?.namespace;
    const source = primarySource(app);
    const status = app.status ?? {};
    const revision = status.sync?.revision ?? status.sync?.revisions?.[0];
    return {
      name,
      instance: instance.name,
      namespace,
      destinationNamespace: app.spec?.destination?.namespace,
      project: app.spec?.project,
      syncStatus: status.sync?.status ?? 'Unknown',
      healthStatus: status.health?.status ?? 'Unknown',
      healthMessage: status.health?.message,
      operationPhase: status.operationState?.phase,
      operationMessage: status.operationState?.message,
      revision,
      revisionUrl: this.linker.commitUrl(source?.repoURL, revision),
      repoUrl: source?.repoURL,
      targetRevision: source?.targetRevision,
      lastSyncedAt:
        newestDeployment(app)?.deployedAt ?? status.operationState?.finishedAt,
      uiUrl: applicationUiUrl(instance.uiUrl, name, namespace),
      drift: driftOf(app),
    };
  }

  history(
    app: ArgoCDApplication,
    instance: ArgoCDInstanceInfo,
  ): ArgoCDApplicationHistory {
    const fallback = primarySource(app);
    // Newest first; ArgoCD ids grow with each deployment. Every entry ArgoCD keeps is returned.
    const entries = [...(app.status?.history ?? [])].sort(
      (a, b) =>
        (b.id ?? 0) - (a.id ?? 0) ||
        (b.deployedAt ?? '').localeCompare(a.deployedAt ?? ''),
    );
    return {
      name: app.metadata?.name ?? '(unnamed)',
      instance: instance.name,
      namespace: app.metadata?.namespace,
      repoUrl: fallback?.repoURL,
      automatedSync: automatedSyncOn(app),
      deployments: entries.map(entry => {
        const revision = entry.revision ?? entry.revisions?.[0];
        const source = entry.source ?? entry.sources?.[0] ?? fallback;
        return {
          id: entry.id ?? 0,
          revision,
          revisionUrl: this.linker.commitUrl(source?.repoURL, revision),
          deployedAt: entry.deployedAt,
          deployStartedAt: entry.deployStartedAt,
          initiatedBy: entry.initiatedBy?.username,
          automated: entry.initiatedBy?.automated,
        };
      }),
    };
  }
}

/** An instance failure as shown to users. */
export function instanceError(error: ArgoCDError): ArgoCDInstanceError {
  return {
    instance: error.instance,
    reason: error.reason,
    message: error.message,
  };
}

/** Whether ArgoCD syncs the application by itself (and so refuses rollbacks). */
export function automatedSyncOn(app: ArgoCDApplication): boolean {
  const automated = app.spec?.syncPolicy?.automated;
  return !!automated && automated.enabled !== false;
}

/**
 * Resources that drifted from git, counted only while the application is OutOfSync (its status is
 * the controller's last comparison). ArgoCD stores no time for the change of sync status; the end of
 * the last deployment is when the application was last known to match git.
 */
function driftOf(app: ArgoCDApplication) {
  if (app.status?.sync?.status !== 'OutOfSync') return undefined;
  const outOfSyncResources = (app.status.resources ?? []).filter(
    r => r.status === 'OutOfSync',
  ).length;
  if (outOfSyncResources === 0) return undefined;
  return {
    outOfSyncResources,
    since:
      newestDeployment(app)?.deployedAt ??
      app.status.operationState?.finishedAt,
  };
}

function primarySource(
  app: ArgoCDApplication,
): ArgoCDApplicationSource | undefined {
  return app.spec?.source ?? app.spec?.sources?.[0];
}

function newestDeployment(app: ArgoCDApplication) {
  return [...(app.status?.history ?? [])].sort(
    (a, b) => (b.id ?? 0) - (a.id ?? 0),
  )[0];
}

/** ArgoCD's UI addresses apps outside the control-plane namespace as /applications/<ns>/<name>. */
export function applicationUiUrl(
  uiUrl: string,
  name: string,
  namespace?: string,
) {
  const path = namespace
    ? `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`
    : encodeURIComponent(name);
  return `${uiUrl}/applications/${path}`;
}
