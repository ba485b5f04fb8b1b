/**
 * One valid object of every built-in kind the stand-in serves (`builtin/kinds.json`), keyed by
 * `apiVersion/kind`, as a user would write it in a manifest: only what the kind needs, so the
 * API server's defaults are left out (and `kubectl diff` must show none of them). Namespaced
 * samples live in {@link SAMPLE_NAMESPACE}; most are named `sample`, the rest where the kind
 * dictates the name (an IPAddress is its address, an APIService `<version>.<group>`, a CRD
 * `<plural>.<group>`).
 */
export const SAMPLE_NAMESPACE = 'samples';

const podSpec = `{containers: [{name: app, image: "busybox:1.36"}]}`;
const template = (app: string) =>
  `{metadata: {labels: {app: ${app}}}, spec: ${podSpec}}`;

/** A CSR for CN=sample-user, O=samples (made once with openssl; the stand-in does not sign it). */
const CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIaU1JR0tBZ0VBTUNneEZEQVNCZ05WQkFNTUMzTmhiWEJzWlMxMWMyVnlNUkF3RGdZRFZRUUtEQWR6WVcxdwpiR1Z6TUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFZTBBeDZsM2Q1emQwdzdkUUxqUnMrV0UxClJ2dU1BSWM3TW5XbHJTNmtaSGFxWE8ra2NGMFlHZnhHamxVMVVlTDFjOWVwbzVqN2oyUnB3RktjdXd1Vi82QUEKTUFvR0NDcUdTTTQ5QkFNQ0EwY0FNRVFDSUhDaXRoYit4Y1U2YmtrdE1yMi9EVHZHaS9rSjJELzlDZ0NaUSs0QQo4UUh4QWlCazREcDVvV3JxNytJUUxOSG5WUll4aGRVdzNqWnoyQWhLeStIaFF1eXN1Zz09Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';

/** Kinds with the full set of verbs: applied, created, got, described, diffed and deleted. */
export const CRUD_SAMPLES: Record<string, string> = {
  'v1/ConfigMap': `data: {greeting: hello}`,
  'v1/Endpoints': `subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]`,
  'v1/Event': `involvedObject: {kind: Pod, name: sample, namespace: ${SAMPLE_NAMESPACE}}
reason: Started
message: Started container app
type: Normal`,
  'v1/LimitRange': `spec: {limits: [{type: Container, default: {cpu: 500m}}]}`,
  'v1/Namespace': ``,
  'v1/Node': `spec: {podCIDR: 10.244.1.0/24}`,
  'v1/PersistentVolumeClaim': `spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}`,
  'v1/PersistentVolume': `spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/sample}}`,
  'v1/Pod': `spec: ${podSpec}`,
  'v1/PodTemplate': `template: ${template('template')}`,
  'v1/ReplicationController': `spec: {replicas: 1, selector: {app: rc}, template: ${template(
    'rc',
  )}}`,
  'v1/ResourceQuota': `spec: {hard: {pods: "10"}}`,
  'v1/Secret': `data: {password: cGFzcw==}`,
  'v1/ServiceAccount': ``,
  'v1/Service': `spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}`,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': `webhooks:
- name: sample.example.com
  clientConfig: {url: "https://webhook.example.com/mutate"}
  admissionReviewVersions: [v1]
  sideEffects: None`,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': `spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
  validations: [{expression: "object.spec.replicas <= 5"}]`,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': `spec: {policyName: sample, validationActions: [Deny]}`,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': `webhooks:
- name: sample.example.com
  clientConfig: {url: "https://webhook.example.com/validate"}
  admissionReviewVersions: [v1]
  sideEffects: None`,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': `spec:
  group: samples.example.com
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}`,
  'apiregistration.k8s.io/v1/APIService': `spec:
  group: samples.example.org
  version: v1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service: {name: samples-api, namespace: ${SAMPLE_NAMESPACE}}
  insecureSkipTLSVerify: true`,
  'apps/v1/ControllerRevision': `revision: 1
data: {spec: {template: ${template('revision')}}}`,
  'apps/v1/DaemonSet': `spec: {selector: {matchLabels: {app: ds}}, template: ${template(
    'ds',
  )}}`,
  'apps/v1/Deployment': `spec: {replicas: 2, selector: {matchLabels: {app: deploy}}, template: ${template(
    'deploy',
  )}}`,
  'apps/v1/ReplicaSet': `spec: {replicas: 1, selector: {matchLabels: {app: rs}}, template: ${template(
    'rs',
  )}}`,
  'apps/v1/StatefulSet': `spec: {serviceName: sample, replicas: 1, selector: {matchLabels: {app: sts}}, template: ${template(
    'sts',
  )}}`,
  'autoscaling/v1/HorizontalPodAutoscaler': `spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: sample}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 80`,
  'autoscaling/v2/HorizontalPodAutoscaler': `spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: sample}
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]`,
  'batch/v1/CronJob': `spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: app, image: "busybox:1.36"}]}}}}`,
  'batch/v1/Job': `spec: {template: {spec: {restartPolicy: Never, containers: [{name: app, image: "busybox:1.36"}]}}}`,
  'certificates.k8s.io/v1/CertificateSigningRequest': `spec:
  request: ${CSR}
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]`,
  'coordination.k8s.io/v1/Lease': `spec: {holderIdentity: sample, leaseDurationSeconds: 15}`,
  'discovery.k8s.io/v1/EndpointSlice': `addressType: IPv4
endpoints: [{addresses: [10.0.0.1]}]
ports: [{name: http, port: 80}]`,
  'events.k8s.io/v1/Event': `eventTime: "2026-01-01T00:00:00.000000Z"
reportingController: example.com/sample
reportingInstance: sample-1
action: Started
reason: Started
type: Normal
regarding: {kind: Pod, name: sample, namespace: ${SAMPLE_NAMESPACE}}`,
  'flowcontrol.apiserver.k8s.io/v1/FlowSchema': `spec:
  priorityLevelConfiguration: {name: sample}
  matchingPrecedence: 5000
  rules:
  - subjects: [{kind: Group, group: {name: "system:authenticated"}}]
    resourceRules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], namespaces: ["*"]}]`,
  'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration': `spec: {type: Limited, limited: {nominalConcurrencyShares: 10, limitResponse: {type: Reject}}}`,
  'networking.k8s.io/v1/IngressClass': `spec: {controller: example.com/ingress}`,
  'networking.k8s.io/v1/Ingress': `spec:
  rules:
  - host: sample.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: sample, port: {number: 80}}}}]}`,
  'networking.k8s.io/v1/IPAddress': `spec: {parentRef: {group: "", resource: services, namespace: ${SAMPLE_NAMESPACE}, name: sample}}`,
  'networking.k8s.io/v1/NetworkPolicy': `spec: {podSelector: {}, policyTypes: [Ingress]}`,
  'networking.k8s.io/v1/ServiceCIDR': `spec: {cidrs: [10.100.0.0/16]}`,
  'node.k8s.io/v1/RuntimeClass': `handler: runc`,
  'policy/v1/PodDisruptionBudget': `spec: {minAvailable: 1, selector: {matchLabels: {app: deploy}}}`,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sample}
subjects: [{kind: ServiceAccount, name: sample, namespace: ${SAMPLE_NAMESPACE}}]`,
  'rbac.authorization.k8s.io/v1/ClusterRole': `rules: [{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}]`,
  'rbac.authorization.k8s.io/v1/RoleBinding': `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: sample}
subjects: [{kind: ServiceAccount, name: sample, namespace: ${SAMPLE_NAMESPACE}}]`,
  'rbac.authorization.k8s.io/v1/Role': `rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]`,
  'resource.k8s.io/v1/DeviceClass': `spec: {selectors: [{cel: {expression: 'device.driver == "gpu.example.com"'}}]}`,
  'resource.k8s.io/v1/ResourceClaim': `spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: sample}}]}}`,
  'resource.k8s.io/v1/ResourceClaimTemplate': `spec: {spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: sample}}]}}}`,
  'resource.k8s.io/v1/ResourceSlice': `spec:
  driver: gpu.example.com
  pool: {name: sample, generation: 1, resourceSliceCount: 1}
  nodeName: sample
  devices: [{name: gpu-0}]`,
  'scheduling.k8s.io/v1/PriorityClass': `value: 1000`,
  'storage.k8s.io/v1/CSIDriver': `spec: {attachRequired: false}`,
  'storage.k8s.io/v1/CSINode': `spec: {drivers: [{name: csi.example.com, nodeID: sample}]}`,
  'storage.k8s.io/v1/CSIStorageCapacity': `storageClassName: sample
capacity: 1Gi`,
  'storage.k8s.io/v1/StorageClass': `provisioner: csi.example.com`,
  'storage.k8s.io/v1/VolumeAttachment': `spec: {attacher: csi.example.com, nodeName: sample, source: {persistentVolumeName: sample}}`,
  'storage.k8s.io/v1/VolumeAttributesClass': `driverName: csi.example.com
parameters: {iops: "1000"}`,
};

/**
 * Kinds that can only be created (reviews and Binding): the API server answers with the
 * evaluated object and stores nothing. `Binding` binds the Pod sample to the Node sample.
 */
export const CREATE_ONLY_SAMPLES: Record<string, string> = {
  'v1/Binding': `target: {apiVersion: v1, kind: Node, name: sample}`,
  'authentication.k8s.io/v1/SelfSubjectReview': ``,
  'authentication.k8s.io/v1/TokenReview': `spec: {token: sandbox-kube-token}`,
  'authorization.k8s.io/v1/LocalSubjectAccessReview': `spec: {user: sandbox-admin, resourceAttributes: {namespace: ${SAMPLE_NAMESPACE}, verb: get, resource: pods}}`,
  'authorization.k8s.io/v1/SelfSubjectAccessReview': `spec: {resourceAttributes: {namespace: ${SAMPLE_NAMESPACE}, verb: get, resource: pods}}`,
  'authorization.k8s.io/v1/SelfSubjectRulesReview': `spec: {namespace: ${SAMPLE_NAMESPACE}}`,
  'authorization.k8s.io/v1/SubjectAccessReview': `spec: {user: sandbox-admin, resourceAttributes: {verb: get, resource: pods}}`,
};

/** Kinds served read-only (get, list, watch). */
export const READ_ONLY_KINDS = ['v1/ComponentStatus'];

const NAMES: Record<string, string> = {
  'apiextensions.k8s.io/v1/CustomResourceDefinition':
    'widgets.samples.example.com',
  'apiregistration.k8s.io/v1/APIService': 'v1.samples.example.org',
  'networking.k8s.io/v1/IPAddress': '10.96.100.100',
  // autoscaling/v1 and v2 share one collection: two names keep them apart.
  'autoscaling/v1/HorizontalPodAutoscaler': 'sample-v1',
  'autoscaling/v2/HorizontalPodAutoscaler': 'sample-v2',
  'v1/Event': 'sample-core',
  'events.k8s.io/v1/Event': 'sample-events',
};

export interface KindSample {
  key: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The manifest (YAML). */
  manifest: string;
}

/** The manifest of a sample, given whether its kind is namespaced. */
export function sampleOf(
  key: string,
  body: string,
  namespaced: boolean,
): KindSample {
  const slash = key.lastIndexOf('/');
  const apiVersion = key.slice(0, slash);
  const kind = key.slice(slash + 1);
  const name = NAMES[key] ?? 'sample';
  const namespace = namespaced ? SAMPLE_NAMESPACE : undefined;
  const meta = namespace
    ? `{name: "${name}", namespace: ${namespace}}`
    : `{name: "${name}"}`;
  return {
    key,
    apiVersion,
    kind,
    name,
    namespace,
    manifest: `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${meta}\n${body}\n`,
  };
}
