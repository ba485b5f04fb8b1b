import type { ResourceType } from '../store/resources';
import { apiVersionOf } from '../store/resources';

type Obj = Record<string, any>;

/** Where autoscaling/v1 keeps what only v2 can say, as the API server's conversion does. */
const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';

const isCpuUtilization = (m: Obj) =>
  m?.type === 'Resource' &&
  m.resource?.name === 'cpu' &&
  m.resource?.target?.type === 'Utilization';

function hpaToV2(v1: Obj): Obj {
  const { targetCPUUtilizationPercentage, ...spec } = v1.spec ?? {};
  const annotations = { ...(v1.metadata.annotations ?? {}) };
  const kept = annotations[METRICS_ANNOTATION];
  delete annotations[METRICS_ANNOTATION];
  const metrics: Obj[] = kept ? JSON.parse(kept) : [];
  if (targetCPUUtilizationPercentage !== undefined)
    metrics.unshift({
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: {
          type: 'Utilization',
          averageUtilization: targetCPUUtilizationPercentage,
        },
      },
    });
  const { currentCPUUtilizationPercentage, ...status } = v1.status ?? {};
  if (currentCPUUtilizationPercentage !== undefined)
    status.currentMetrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: currentCPUUtilizationPercentage },
        },
      },
    ];
  return {
    ...v1,
    apiVersion: 'autoscaling/v2',
    metadata: {
      ...v1.metadata,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: { ...spec, ...(metrics.length ? { metrics } : {}) },
    ...(v1.status ? { status } : {}),
  };
}

function hpaToV1(v2: Obj): Obj {
  const { metrics = [], behavior: _behavior, ...spec } = v2.spec ?? {};
  const cpu = (metrics as Obj[]).find(isCpuUtilization);
  const others = (metrics as Obj[]).filter(m => m !== cpu);
  const annotations = { ...(v2.metadata.annotations ?? {}) };
  if (others.length) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  const {
    currentMetrics = [],
    conditions: _conditions,
    ...status
  } = v2.status ?? {};
  const currentCpu = (currentMetrics as Obj[]).find(
    m => m?.type === 'Resource' && m.resource?.name === 'cpu',
  );
  if (currentCpu?.resource?.current?.averageUtilization !== undefined)
    status.currentCPUUtilizationPercentage =
      currentCpu.resource.current.averageUtilization;
  return {
    ...v2,
    apiVersion: 'autoscaling/v1',
    metadata: {
      ...v2.metadata,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      ...spec,
      ...(cpu
        ? {
            targetCPUUtilizationPercentage:
              cpu.resource.target.averageUtilization,
          }
        : {}),
    },
    ...(v2.status ? { status } : {}),
  };
}

/**
 * An object as the version the client asked for. Versions of one kind share a collection (the
 * HorizontalPodAutoscalers of autoscaling/v1 and v2), and each object is kept as written, so a
 * read through the other version converts it the way the API server's conversion functions do:
 * v1's `targetCPUUtilizationPercentage` is v2's cpu Utilization metric, and the v2 metrics v1
 * cannot express travel in the `autoscaling.alpha.kubernetes.io/metrics` annotation.
 */
export function inRequestedVersion<T>(type: ResourceType, obj: T): T {
  const o = obj as Obj;
  const wanted = apiVersionOf(type);
  if (!o || typeof o !== 'object' || o.kind !== type.kind) return obj;
  if (o.apiVersion === wanted || type.kind !== 'HorizontalPodAutoscaler')
    return obj;
  if (wanted === 'autoscaling/v2' && o.apiVersion === 'autoscaling/v1')
    return hpaToV2(o) as T;
  if (wanted === 'autoscaling/v1' && o.apiVersion === 'autoscaling/v2')
    return hpaToV1(o) as T;
  return obj;
}
