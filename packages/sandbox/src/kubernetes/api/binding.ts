import type { KubeCluster, WriteOptions } from '../store/cluster';
import { PATCH_TYPES } from '../store/cluster';
import { errors, statusBody } from './errors';

/**
 * `POST namespaces/{ns}/bindings` and `POST namespaces/{ns}/pods/{name}/binding` (what a
 * scheduler sends): assigns a Pod to a Node, like the API server's BindingREST — the Pod gets
 * `spec.nodeName` and a PodScheduled condition, the answer is a Success Status, and a Pod that is
 * already assigned is a 409 Conflict. Nothing is stored under `bindings`.
 */
export function bindPod(
  cluster: KubeCluster,
  namespace: string,
  body: unknown,
  options: WriteOptions,
  nameInUrl?: string,
): Record<string, unknown> {
  const binding = (body ?? {}) as Record<string, any>;
  const name = binding.metadata?.name;
  if (nameInUrl !== undefined && name !== nameInUrl)
    throw errors.badRequest(
      'name in URL does not match name in Binding object',
    );
  const target = binding.target ?? {};
  const causes = [];
  if (!name)
    causes.push({
      reason: 'FieldValueRequired',
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  if (!target.name)
    causes.push({
      reason: 'FieldValueRequired',
      field: 'target.name',
      message: 'Required value',
    });
  if (target.kind && target.kind !== 'Node')
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'target.kind',
      message: `Unsupported value: "${target.kind}": supported values: "Node"`,
    });
  if (causes.length) throw errors.invalid('Binding', '', name ?? '', causes);
  const podType = cluster.type('v1', 'Pod');
  const pod = cluster.get(podType, namespace, name);
  if (pod.spec?.nodeName)
    throw errors.conflict(
      'pods/binding',
      '',
      name,
      `pod ${name} is already assigned to node "${pod.spec.nodeName}"`,
    );
  const conditions = (pod.status?.conditions ?? []).filter(
    (c: Record<string, unknown>) => c.type !== 'PodScheduled',
  );
  cluster.patch(
    podType,
    namespace,
    name,
    PATCH_TYPES.merge,
    { spec: { nodeName: target.name } },
    options,
  );
  cluster.patch(
    podType,
    namespace,
    name,
    PATCH_TYPES.merge,
    {
      status: {
        conditions: [
          ...conditions,
          {
            type: 'PodScheduled',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: new Date()
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
          },
        ],
      },
    },
    { ...options, subresource: 'status' },
  );
  return statusBody('Success', undefined, undefined, 201);
}
