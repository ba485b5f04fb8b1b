import type { Schema } from './derive';
import { resolve, SCHEMAS } from './builtinSchemas';
import type { FieldPath } from '../store/fieldPaths';

/**
 * The associative lists of the built-in kinds: `x-kubernetes-list-type: map` with their
 * `x-kubernetes-list-map-keys` (or, where the spec has only `x-kubernetes-patch-merge-key`, that
 * key), as the Kubernetes v1.34 OpenAPI spec gives them for the fields below. The definitions in
 * `schemas.json` come from `@kubernetes/client-node`'s models, which drop these extensions, so the
 * lists are named here by `<definition>.<field>`. Every other list is atomic (owned and replaced
 * whole), as it is in the spec; `x-kubernetes-list-type: set` lists (finalizers) are treated as
 * atomic too.
 */
const BUILTIN_LIST_KEYS: Record<string, string[]> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.ownerReferences': ['uid'],
  'io.k8s.api.core.v1.PodSpec.containers': ['name'],
  'io.k8s.api.core.v1.PodSpec.initContainers': ['name'],
  'io.k8s.api.core.v1.PodSpec.ephemeralContainers': ['name'],
  'io.k8s.api.core.v1.PodSpec.volumes': ['name'],
  'io.k8s.api.core.v1.PodSpec.imagePullSecrets': ['name'],
  'io.k8s.api.core.v1.PodSpec.hostAliases': ['ip'],
  'io.k8s.api.core.v1.PodSpec.topologySpreadConstraints': [
    'topologyKey',
    'whenUnsatisfiable',
  ],
  'io.k8s.api.core.v1.PodSpec.resourceClaims': ['name'],
  'io.k8s.api.core.v1.PodSpec.schedulingGates': ['name'],
  'io.k8s.api.core.v1.Container.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.Container.env': ['name'],
  'io.k8s.api.core.v1.Container.volumeMounts': ['mountPath'],
  'io.k8s.api.core.v1.Container.volumeDevices': ['devicePath'],
  'io.k8s.api.core.v1.EphemeralContainer.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.EphemeralContainer.env': ['name'],
  'io.k8s.api.core.v1.EphemeralContainer.volumeMounts': ['mountPath'],
  'io.k8s.api.core.v1.EphemeralContainer.volumeDevices': ['devicePath'],
  'io.k8s.api.core.v1.ResourceRequirements.claims': ['name'],
  'io.k8s.api.core.v1.ServiceSpec.ports': ['port', 'protocol'],
  'io.k8s.api.core.v1.PodStatus.conditions': ['type'],
  'io.k8s.api.core.v1.NodeStatus.conditions': ['type'],
  'io.k8s.api.core.v1.NodeStatus.addresses': ['type'],
  'io.k8s.api.core.v1.NamespaceStatus.conditions': ['type'],
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus.conditions': ['type'],
  'io.k8s.api.core.v1.ReplicationControllerStatus.conditions': ['type'],
  'io.k8s.api.core.v1.ServiceStatus.conditions': ['type'],
  'io.k8s.api.apps.v1.DeploymentStatus.conditions': ['type'],
  'io.k8s.api.apps.v1.ReplicaSetStatus.conditions': ['type'],
  'io.k8s.api.apps.v1.StatefulSetStatus.conditions': ['type'],
  'io.k8s.api.apps.v1.DaemonSetStatus.conditions': ['type'],
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus.conditions': [
    'type',
  ],
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus.conditions': ['type'],
  'io.k8s.api.certificates.v1.CertificateSigningRequestStatus.conditions': [
    'type',
  ],
  'io.k8s.api.flowcontrol.v1.FlowSchemaStatus.conditions': ['type'],
  'io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationStatus.conditions': [
    'type',
  ],
  'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration.webhooks': [
    'name',
  ],
  'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration.webhooks':
    ['name'],
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus.conditions':
    ['type'],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus.conditions':
    ['type'],
  'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceStatus.conditions':
    ['type'],
};

/** The keys of an associative list, or undefined for an atomic list (or no list). */
export type ListKeys = (path: FieldPath) => string[] | undefined;

/** Whether a path element addresses an item of an associative list (`k:{"name":"web"}`). */
export const isItemSelector = (segment: string) => segment.startsWith('k:');

/**
 * The list keys of the fields of one kind: from the table above for built-in kinds (`rootName` is
 * the kind's definition), from the CRD's `x-kubernetes-list-type: map` and
 * `x-kubernetes-list-map-keys` for custom resources (`rootSchema`).
 */
export function listKeysOf(root: {
  rootName?: string;
  rootSchema?: Schema;
}): ListKeys {
  const cache = new Map<string, string[] | undefined>();
  return path => {
    const id = path.join('\u0000');
    if (cache.has(id)) return cache.get(id);
    let schema: Schema | undefined = root.rootName
      ? SCHEMAS[root.rootName]
      : root.rootSchema;
    let name = root.rootName;
    let keys: string[] | undefined;
    for (let i = 0; i < path.length && schema; i++) {
      const segment = path[i];
      if (isItemSelector(segment)) {
        ({ schema, name } = step(schema.items));
        continue;
      }
      const property: Schema | undefined = schema.properties?.[segment];
      if (!property) break;
      if (i === path.length - 1) {
        keys =
          (name ? BUILTIN_LIST_KEYS[`${name}.${segment}`] : undefined) ??
          (property['x-kubernetes-list-type'] === 'map'
            ? property['x-kubernetes-list-map-keys']
            : undefined);
        break;
      }
      ({ schema, name } = step(property));
    }
    cache.set(id, keys);
    return keys;
  };
}

function step(schema: Schema | undefined): { schema?: Schema; name?: string } {
  if (!schema) return {};
  const resolved = resolve(schema);
  return { schema: resolved.schema, name: resolved.name };
}
