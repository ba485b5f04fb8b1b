import type { KubeCluster, WriteOptions } from '../store/cluster';
import { PATCH_TYPES } from '../store/cluster';
import { errors } from './errors';
import { jsonPatch, mergePatch } from '../store/patch';
import type { ResourceType } from '../store/resources';

/** `matchLabels` and `matchExpressions` as the label selector string a Scale's status carries. */
function selectorString(selector: Record<string, any> | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The autoscaling/v1 Scale view of a Deployment, ReplicaSet, StatefulSet or ReplicationController. */
export function scaleOf(obj: Record<string, any>): Record<string, any> {
  const { name, namespace, uid, resourceVersion, creationTimestamp } =
    obj.metadata;
  const selector = obj.spec?.selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      // ReplicationControllers select with a plain map.
      selector:
        selector && !selector.matchLabels && !selector.matchExpressions
          ? selectorString({ matchLabels: selector })
          : selectorString(selector),
    },
  };
}

/**
 * `PUT` or `PATCH` on `.../{name}/scale`: the new Scale's `spec.replicas` becomes the object's, with
 * the Scale's resourceVersion as precondition. Returns the resulting Scale.
 */
export function writeScale(
  cluster: KubeCluster,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  method: 'PUT' | 'PATCH',
  contentType: string,
  body: unknown,
  options: WriteOptions,
): Record<string, any> {
  const current = cluster.get(type, namespace, name);
  const scale = scaleOf(current);
  let next: any;
  if (method === 'PUT') next = body;
  else if (contentType === PATCH_TYPES.json) next = jsonPatch(scale, body);
  else if (
    contentType === PATCH_TYPES.merge ||
    contentType === PATCH_TYPES.strategic
  )
    next = mergePatch(scale, body);
  else throw errors.unsupportedMediaType(contentType);
  const replicas = next?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', name, [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(
          replicas ?? null,
        )}: must be greater than or equal to 0`,
      },
    ]);
  }
  const updated = cluster.update(
    type,
    namespace,
    name,
    {
      ...current,
      metadata: {
        ...current.metadata,
        resourceVersion:
          next.metadata?.resourceVersion ?? current.metadata.resourceVersion,
      },
      spec: { ...current.spec, replicas },
    },
    options,
  );
  return scaleOf(updated);
}
