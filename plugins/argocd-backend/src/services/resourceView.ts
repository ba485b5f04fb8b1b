import type {
  ArgoCDApplicationResourcesResponse,
  ArgoCDEventRow,
  ArgoCDPartError,
  ArgoCDResourceDiffResponse,
  ArgoCDResourceRow,
} from '@edp/plugin-argocd-common';
import type {
  ArgoCDEvent,
  ArgoCDResourceNode,
  ArgoCDService,
} from '@edp/plugin-argocd-node';
import type { LocatedApplication } from './EntityApplications';
import { diffManifests, normaliseManifest } from './manifestDiff';

const HEALTH_RANK: Record<string, number> = {
  Degraded: 0,
  Missing: 1,
  Unknown: 2,
  Progressing: 3,
  Suspended: 4,
};

/** Unhealthy first (worst health first), then OutOfSync, then by kind and name. */
function rank(row: ArgoCDResourceRow): [number, number, string] {
  const health = HEALTH_RANK[row.healthStatus ?? ''] ?? 9;
  const sync = row.syncStatus === 'OutOfSync' ? 0 : 1;
  return [health, sync, `${row.kind}/${row.namespace ?? ''}/${row.name}`];
}

function compareRows(a: ArgoCDResourceRow, b: ArgoCDResourceRow) {
  const [ha, sa, na] = rank(a);
  const [hb, sb, nb] = rank(b);
  return ha - hb || sa - sb || na.localeCompare(nb);
}

const refKey = (r: {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}) => [r.group ?? '', r.kind, r.namespace ?? '', r.name].join('/');

const failure = (part: ArgoCDPartError['part'], reason: unknown) => ({
  part,
  message: reason instanceof Error ? reason.message : String(reason),
});

/**
 * The resources of one application: every managed resource from the application's status (sync
 * status, and health even when the object is Missing), the tree's live objects and their children,
 * and the events. The tree and the events are asked for together; one failing leaves the other.
 */
export async function loadApplicationResources(
  argocd: ArgoCDService,
  { instance, app }: LocatedApplication,
): Promise<ArgoCDApplicationResourcesResponse> {
  const name = app.metadata?.name ?? '';
  const namespace = app.metadata?.namespace;
  const [tree, events] = await Promise.allSettled([
    argocd.getResourceTree(instance.name, name, namespace),
    argocd.listApplicationEvents(instance.name, name, namespace),
  ]);
  const errors: ArgoCDPartError[] = [];
  const rows = new Map<string, ArgoCDResourceRow>();
  for (const r of app.status?.resources ?? []) {
    if (!r.kind || !r.name) continue;
    rows.set(refKey(r), {
      group: r.group || undefined,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace || undefined,
      syncStatus: r.status,
      healthStatus: r.health?.status,
      healthMessage: r.health?.message,
      live: r.health?.status !== 'Missing',
    });
  }
  if (tree.status === 'fulfilled') {
    for (const node of tree.value.nodes ?? []) mergeNode(rows, node);
  } else {
    errors.push(failure('tree', tree.reason));
  }
  let eventRows: ArgoCDEventRow[] = [];
  if (events.status === 'fulfilled') {
    eventRows = events.value
      .map(toEventRow)
      .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  } else {
    errors.push(failure('events', events.reason));
  }
  return {
    instance: instance.name,
    app: name,
    namespace,
    resources: [...rows.values()].sort(compareRows),
    events: eventRows,
    errors,
    fetchedAt: new Date().toISOString(),
  };
}

function mergeNode(
  rows: Map<string, ArgoCDResourceRow>,
  node: ArgoCDResourceNode,
) {
  if (!node.kind || !node.name) return;
  const key = refKey(node);
  const managed = rows.get(key);
  const parent = node.parentRefs?.[0];
  rows.set(key, {
    group: node.group || undefined,
    kind: node.kind,
    name: node.name,
    namespace: node.namespace || undefined,
    syncStatus: managed?.syncStatus,
    // The tree's health is the live object's; it carries the message status.resources often lacks.
    healthStatus: node.health?.status ?? managed?.healthStatus,
    healthMessage: node.health?.message ?? managed?.healthMessage,
    parent:
      managed || !parent?.kind ? undefined : `${parent.kind}/${parent.name}`,
    live: true,
  });
}

function toEventRow(event: ArgoCDEvent): ArgoCDEventRow {
  const object = event.involvedObject ?? {};
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: `${object.kind ?? '?'}/${object.name ?? '?'}`,
    count: event.count ?? 1,
    lastSeen: event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp,
  };
}

/** The desired-vs-live diffs of the application's modified resources (one upstream call). */
export async function loadResourceDiffs(
  argocd: ArgoCDService,
  { instance, app }: LocatedApplication,
): Promise<ArgoCDResourceDiffResponse> {
  const name = app.metadata?.name ?? '';
  const items = await argocd.getManagedResources(
    instance.name,
    name,
    app.metadata?.namespace,
  );
  return {
    instance: instance.name,
    app: name,
    diffs: items
      .filter(item => item.modified && item.kind && item.name)
      .map(item => ({
        group: item.group || undefined,
        kind: item.kind!,
        name: item.name!,
        namespace: item.namespace || undefined,
        modified: true,
        lines: diffManifests(
          normaliseManifest(item.targetState),
          normaliseManifest(item.normalizedLiveState ?? item.liveState),
        ),
      })),
  };
}
