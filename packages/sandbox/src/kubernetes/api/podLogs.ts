import type { Response } from 'express';
import type { KubeCluster } from '../store/cluster';
import { errors } from './errors';

type Obj = Record<string, any>;

/**
 * What a simulated container "printed": the stand-in runs no processes, so each container's log
 * is the lines its start would show, stamped with its own start time (the same on every read, as
 * a real log is).
 */
function linesOf(
  pod: Obj,
  container: Obj,
  status: Obj | undefined,
): string[][] {
  const started: string =
    status?.state?.running?.startedAt ?? pod.status?.startTime ?? '';
  const at = started.replace(/Z$/, '.000000000Z');
  const ports = (container.ports ?? []).map((p: Obj) => p.containerPort);
  return [
    [
      at,
      `sandbox: container "${container.name}" started from image ${container.image}`,
    ],
    [
      at,
      ports.length
        ? `sandbox: listening on port${
            ports.length > 1 ? 's' : ''
          } ${ports.join(', ')}`
        : 'sandbox: running',
    ],
  ];
}

/**
 * `GET /api/v1/namespaces/{ns}/pods/{name}/log`, as the API server answers it (text/plain, or a
 * 400 naming what is wrong): `container` (required when the Pod has several), `timestamps`,
 * `tailLines`, `limitBytes`, `previous`; `follow` ends at once, the simulated containers print
 * nothing more.
 */
export function sendPodLog(
  cluster: KubeCluster,
  res: Response,
  namespace: string,
  name: string,
  query: Record<string, string | undefined>,
): void {
  const pod = cluster.get(cluster.type('v1', 'Pod'), namespace, name);
  const containers: Obj[] = pod.spec?.containers ?? [];
  let container = containers.find(c => c.name === query.container);
  if (query.container && !container)
    throw errors.badRequest(
      `container ${query.container} is not valid for pod ${name}`,
    );
  if (!container) {
    const byDefault =
      pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    if (containers.length > 1 && !byDefault)
      throw errors.badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${containers
          .map(c => c.name)
          .join(' ')}]`,
      );
    container = containers.find(c => c.name === byDefault) ?? containers[0];
  }
  const status = (pod.status?.containerStatuses ?? []).find(
    (s: Obj) => s.name === container!.name,
  );
  if (query.previous === 'true')
    throw errors.badRequest(
      `previous terminated container "${
        container!.name
      }" in pod "${name}" not found`,
    );
  if (!status?.state?.running)
    throw errors.badRequest(
      `container "${
        container!.name
      }" in pod "${name}" is waiting to start: ContainerCreating`,
    );
  let lines = linesOf(pod, container!, status);
  const tail = Number(query.tailLines);
  if (query.tailLines !== undefined && Number.isInteger(tail) && tail >= 0)
    lines = tail === 0 ? [] : lines.slice(-tail);
  let text = lines
    .map(([at, line]) =>
      query.timestamps === 'true' ? `${at} ${line}\n` : `${line}\n`,
    )
    .join('');
  const limit = Number(query.limitBytes);
  if (query.limitBytes !== undefined && Number.isInteger(limit) && limit > 0)
    text = Buffer.from(text).subarray(0, limit).toString('utf8');
  res.status(200).type('text/plain').send(text);
}
