type Obj = Record<string, any>;

/** One column of a kind's table, as `meta.k8s.io/v1` Table columnDefinitions carry it. */
export interface PrintColumn {
  name: string;
  type: 'string' | 'integer';
  /** 0: shown by `kubectl get`; 1: only with `-o wide`. */
  priority: 0 | 1;
  description: string;
  cell: (o: Obj) => string | number;
}

const none = (v: string | undefined) => (v ? v : '<none>');

const podReady = (o: Obj) => {
  const statuses: Obj[] = o.status?.containerStatuses ?? [];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter(s => s.ready).length}/${total}`;
};

const podStatus = (o: Obj) => {
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  const waiting = (o.status?.containerStatuses ?? []).find(
    (s: Obj) => s.state?.waiting?.reason,
  );
  return (
    waiting?.state.waiting.reason ??
    o.status?.reason ??
    o.status?.phase ??
    'Pending'
  );
};

const containers = (template: Obj | undefined) =>
  (template?.spec?.containers ?? []).map((c: Obj) => c.name).join(',');
const images = (template: Obj | undefined) =>
  (template?.spec?.containers ?? []).map((c: Obj) => c.image).join(',');
const selector = (s: Obj | undefined) =>
  none(
    Object.entries(s?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );

const servicePorts = (o: Obj) =>
  none(
    (o.spec?.ports ?? [])
      .map(
        (p: Obj) =>
          `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${
            p.protocol ?? 'TCP'
          }`,
      )
      .join(','),
  );

const externalIp = (o: Obj) => {
  const ips: string[] = [
    ...(o.spec?.externalIPs ?? []),
    ...(o.status?.loadBalancer?.ingress ?? []).map(
      (i: Obj) => i.ip ?? i.hostname,
    ),
  ];
  if (ips.length) return ips.join(',');
  return o.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
};

const col = (
  name: string,
  cell: PrintColumn['cell'],
  options: {
    type?: PrintColumn['type'];
    wide?: boolean;
    description?: string;
  } = {},
): PrintColumn => ({
  name,
  type: options.type ?? 'string',
  priority: options.wide ? 1 : 0,
  description: options.description ?? name,
  cell,
});

/**
 * The columns the API server's table printers give the kinds people `kubectl get` most
 * (k8s.io/kubernetes pkg/printers/internalversion), between Name and Age; other kinds have Name
 * and Age only. Cells are computed from the stored object the same way.
 */
export const PRINT_COLUMNS: Record<
  string,
  { columns: PrintColumn[]; age?: false }
> = {
  '/Pod': {
    columns: [
      col('Ready', podReady, { description: 'The number of containers ready' }),
      col('Status', podStatus),
      col('Restarts', o =>
        String(
          (o.status?.containerStatuses ?? []).reduce(
            (n: number, s: Obj) => n + (s.restartCount ?? 0),
            0,
          ),
        ),
      ),
    ],
  },
  'apps/Deployment': {
    columns: [
      col(
        'Ready',
        o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      ),
      col('Up-to-date', o => o.status?.updatedReplicas ?? 0, {
        type: 'integer',
      }),
      col('Available', o => o.status?.availableReplicas ?? 0, {
        type: 'integer',
      }),
    ],
  },
  'apps/ReplicaSet': {
    columns: [
      col('Desired', o => o.spec?.replicas ?? 0, { type: 'integer' }),
      col('Current', o => o.status?.replicas ?? 0, { type: 'integer' }),
      col('Ready', o => o.status?.readyReplicas ?? 0, { type: 'integer' }),
    ],
  },
  'apps/StatefulSet': {
    columns: [
      col(
        'Ready',
        o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      ),
    ],
  },
  '/Service': {
    columns: [
      col('Type', o => o.spec?.type ?? 'ClusterIP'),
      col('Cluster-IP', o => none(o.spec?.clusterIP)),
      col('External-IP', externalIp),
      col('Port(s)', servicePorts),
    ],
  },
  '/ConfigMap': {
    columns: [
      col(
        'Data',
        o =>
          Object.keys(o.data ?? {}).length +
          Object.keys(o.binaryData ?? {}).length,
        { type: 'integer' },
      ),
    ],
  },
  '/Secret': {
    columns: [
      col('Type', o => o.type ?? 'Opaque'),
      col('Data', o => Object.keys(o.data ?? {}).length, { type: 'integer' }),
    ],
  },
  '/Namespace': {
    columns: [col('Status', o => o.status?.phase ?? 'Active')],
  },
  '/ComponentStatus': {
    age: false,
    columns: [
      col('Status', o =>
        (o.conditions ?? []).some(
          (c: Obj) => c.type === 'Healthy' && c.status === 'True',
        )
          ? 'Healthy'
          : 'Unhealthy',
      ),
      col('Message', o => o.conditions?.[0]?.message ?? ''),
      col('Error', o => o.conditions?.[0]?.error ?? ''),
    ],
  },
};

/** Wide columns a few of them add after Age (`kubectl get -o wide`). */
export const WIDE_COLUMNS: Record<string, PrintColumn[]> = {
  'apps/Deployment': [
    col('Containers', o => containers(o.spec?.template), { wide: true }),
    col('Images', o => images(o.spec?.template), { wide: true }),
    col('Selector', o => selector(o.spec?.selector), { wide: true }),
  ],
  '/Pod': [
    col('IP', o => none(o.status?.podIP), { wide: true }),
    col('Node', o => none(o.spec?.nodeName), { wide: true }),
  ],
};
