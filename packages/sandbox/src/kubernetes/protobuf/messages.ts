/**
 * The protobuf field numbers of the built-in types kubectl sends as
 * `application/vnd.kubernetes.protobuf` (its `create` generators, `auth can-i`, `auth whoami`),
 * as the Kubernetes API's generated protobuf definitions number them. Fields of other types are
 * skipped by the decoder; `protobuf.test.ts` checks these tables against what kubectl sends.
 *
 * A field is `[jsonName, type, flags]`: type is a scalar (`string`, `int32`, `int64`, `bool`,
 * `bytes`), `time`, `intOrString`, `quantity`, or another message's name; flags `r` repeated,
 * `p` pointer (kept when zero; Go's JSON leaves out the zero values of the others), `i` embedded
 * (its fields sit in the parent's JSON),
 * `m:<value type>` a map with string keys.
 */
export type FieldSpec = [name: string, type: string, flags?: string];
export type MessageSpec = Record<number, FieldSpec>;

/** The usual top-level layout: metadata 1, spec 2, status 3. */
const objectWith = (spec: string, status: string): MessageSpec => ({
  1: ['metadata', 'ObjectMeta'],
  2: ['spec', spec],
  3: ['status', status],
});

export const MESSAGES: Record<string, MessageSpec> = {
  Unknown: {
    1: ['typeMeta', 'TypeMeta'],
    2: ['raw', 'bytes'],
    3: ['contentEncoding', 'string'],
    4: ['contentType', 'string'],
  },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    4: ['selfLink', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int64'],
    8: ['creationTimestamp', 'time'],
    9: ['deletionTimestamp', 'time'],
    10: ['deletionGracePeriodSeconds', 'int64', 'p'],
    11: ['labels', 'string', 'm:string'],
    12: ['annotations', 'string', 'm:string'],
    13: ['ownerReferences', 'OwnerReference', 'r'],
    14: ['finalizers', 'string', 'r'],
    17: ['managedFields', 'ManagedFieldsEntry', 'r'],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool', 'p'],
    7: ['blockOwnerDeletion', 'bool', 'p'],
  },
  ManagedFieldsEntry: {
    1: ['manager', 'string'],
    2: ['operation', 'string'],
    3: ['apiVersion', 'string'],
    4: ['time', 'time'],
    6: ['fieldsType', 'string'],
    8: ['subresource', 'string'],
  },
  LabelSelector: {
    1: ['matchLabels', 'string', 'm:string'],
    2: ['matchExpressions', 'LabelSelectorRequirement', 'r'],
  },
  LabelSelectorRequirement: {
    1: ['key', 'string'],
    2: ['operator', 'string'],
    3: ['values', 'string', 'r'],
  },

  // core/v1
  Namespace: objectWith('NamespaceSpec', 'NamespaceStatus'),
  NamespaceSpec: { 1: ['finalizers', 'string', 'r'] },
  NamespaceStatus: { 1: ['phase', 'string'] },
  ConfigMap: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'string', 'm:string'],
    3: ['binaryData', 'bytes', 'm:bytes'],
    4: ['immutable', 'bool', 'p'],
  },
  Secret: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'bytes', 'm:bytes'],
    3: ['type', 'string'],
    4: ['stringData', 'string', 'm:string'],
    5: ['immutable', 'bool', 'p'],
  },
  ServiceAccount: {
    1: ['metadata', 'ObjectMeta'],
    2: ['secrets', 'ObjectReference', 'r'],
    3: ['imagePullSecrets', 'LocalObjectReference', 'r'],
    4: ['automountServiceAccountToken', 'bool', 'p'],
  },
  ObjectReference: {
    1: ['kind', 'string'],
    2: ['namespace', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['fieldPath', 'string'],
  },
  LocalObjectReference: { 1: ['name', 'string'] },
  Service: objectWith('ServiceSpec', 'ServiceStatus'),
  ServiceSpec: {
    1: ['ports', 'ServicePort', 'r'],
    2: ['selector', 'string', 'm:string'],
    3: ['clusterIP', 'string'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', 'r'],
    7: ['sessionAffinity', 'string'],
    8: ['loadBalancerIP', 'string'],
    9: ['loadBalancerSourceRanges', 'string', 'r'],
    10: ['externalName', 'string'],
    11: ['externalTrafficPolicy', 'string'],
    12: ['healthCheckNodePort', 'int32'],
    13: ['publishNotReadyAddresses', 'bool'],
    17: ['ipFamilyPolicy', 'string', 'p'],
    18: ['clusterIPs', 'string', 'r'],
    19: ['ipFamilies', 'string', 'r'],
    20: ['allocateLoadBalancerNodePorts', 'bool', 'p'],
    21: ['loadBalancerClass', 'string', 'p'],
    22: ['internalTrafficPolicy', 'string', 'p'],
  },
  ServiceStatus: {},
  ServicePort: {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    3: ['port', 'int32'],
    4: ['targetPort', 'intOrString'],
    5: ['nodePort', 'int32'],
    6: ['appProtocol', 'string', 'p'],
  },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    2: ['containers', 'Container', 'r'],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int64', 'p'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'string', 'm:string'],
    8: ['serviceAccountName', 'string'],
    10: ['nodeName', 'string'],
    15: ['imagePullSecrets', 'LocalObjectReference', 'r'],
    19: ['schedulerName', 'string'],
    20: ['initContainers', 'Container', 'r'],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', 'r'],
    4: ['args', 'string', 'r'],
    5: ['workingDir', 'string'],
    6: ['ports', 'ContainerPort', 'r'],
    7: ['env', 'EnvVar', 'r'],
    8: ['resources', 'ResourceRequirements'],
    13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
    20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: {
    1: ['name', 'string'],
    2: ['hostPort', 'int32'],
    3: ['containerPort', 'int32'],
    4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: {
    1: ['limits', 'quantity', 'm:quantity'],
    2: ['requests', 'quantity', 'm:quantity'],
  },
  ResourceQuota: objectWith('ResourceQuotaSpec', 'ResourceQuotaStatus'),
  ResourceQuotaSpec: {
    1: ['hard', 'quantity', 'm:quantity'],
    2: ['scopes', 'string', 'r'],
  },
  ResourceQuotaStatus: {},

  // apps/v1
  Deployment: objectWith('DeploymentSpec', 'DeploymentStatus'),
  DeploymentSpec: {
    1: ['replicas', 'int32', 'p'],
    2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'int32'],
    6: ['revisionHistoryLimit', 'int32', 'p'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int32', 'p'],
  },
  DeploymentStrategy: {
    1: ['type', 'string'],
    2: ['rollingUpdate', 'RollingUpdateDeployment'],
  },
  RollingUpdateDeployment: {
    1: ['maxUnavailable', 'intOrString'],
    2: ['maxSurge', 'intOrString'],
  },
  DeploymentStatus: {},

  // batch/v1
  Job: objectWith('JobSpec', 'JobStatus'),
  JobSpec: {
    1: ['parallelism', 'int32', 'p'],
    2: ['completions', 'int32', 'p'],
    3: ['activeDeadlineSeconds', 'int64', 'p'],
    4: ['selector', 'LabelSelector'],
    5: ['manualSelector', 'bool', 'p'],
    6: ['template', 'PodTemplateSpec'],
    7: ['backoffLimit', 'int32', 'p'],
    8: ['ttlSecondsAfterFinished', 'int32', 'p'],
    9: ['completionMode', 'string', 'p'],
    10: ['suspend', 'bool', 'p'],
  },
  JobStatus: {},
  CronJob: objectWith('CronJobSpec', 'CronJobStatus'),
  CronJobSpec: {
    1: ['schedule', 'string'],
    2: ['startingDeadlineSeconds', 'int64', 'p'],
    3: ['concurrencyPolicy', 'string'],
    4: ['suspend', 'bool', 'p'],
    5: ['jobTemplate', 'JobTemplateSpec'],
    6: ['successfulJobsHistoryLimit', 'int32', 'p'],
    7: ['failedJobsHistoryLimit', 'int32', 'p'],
    8: ['timeZone', 'string', 'p'],
  },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  CronJobStatus: {},

  // policy/v1, scheduling.k8s.io/v1, networking.k8s.io/v1
  PodDisruptionBudget: objectWith(
    'PodDisruptionBudgetSpec',
    'PodDisruptionBudgetStatus',
  ),
  PodDisruptionBudgetSpec: {
    1: ['minAvailable', 'intOrString'],
    2: ['selector', 'LabelSelector'],
    3: ['maxUnavailable', 'intOrString'],
    4: ['unhealthyPodEvictionPolicy', 'string', 'p'],
  },
  PodDisruptionBudgetStatus: {},
  PriorityClass: {
    1: ['metadata', 'ObjectMeta'],
    2: ['value', 'int32'],
    3: ['globalDefault', 'bool'],
    4: ['description', 'string'],
    5: ['preemptionPolicy', 'string', 'p'],
  },
  Ingress: objectWith('IngressSpec', 'IngressStatus'),
  IngressSpec: {
    1: ['defaultBackend', 'IngressBackend'],
    2: ['tls', 'IngressTLS', 'r'],
    3: ['rules', 'IngressRule', 'r'],
    4: ['ingressClassName', 'string', 'p'],
  },
  IngressStatus: {},
  IngressTLS: { 1: ['hosts', 'string', 'r'], 2: ['secretName', 'string'] },
  // `ingressRuleValue` is embedded in Go, so its `http` sits beside `host` in JSON.
  IngressRule: {
    1: ['host', 'string'],
    2: ['ingressRuleValue', 'IngressRuleValue', 'i'],
  },
  IngressRuleValue: { 1: ['http', 'HTTPIngressRuleValue'] },
  HTTPIngressRuleValue: { 1: ['paths', 'HTTPIngressPath', 'r'] },
  HTTPIngressPath: {
    1: ['path', 'string'],
    2: ['backend', 'IngressBackend'],
    3: ['pathType', 'string', 'p'],
  },
  IngressBackend: {
    3: ['resource', 'TypedLocalObjectReference'],
    4: ['service', 'IngressServiceBackend'],
  },
  TypedLocalObjectReference: {
    1: ['apiGroup', 'string', 'p'],
    2: ['kind', 'string'],
    3: ['name', 'string'],
  },
  IngressServiceBackend: {
    1: ['name', 'string'],
    2: ['port', 'ServiceBackendPort'],
  },
  ServiceBackendPort: { 1: ['name', 'string'], 2: ['number', 'int32'] },

  // rbac.authorization.k8s.io/v1
  Role: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', 'PolicyRule', 'r'] },
  ClusterRole: {
    1: ['metadata', 'ObjectMeta'],
    2: ['rules', 'PolicyRule', 'r'],
    3: ['aggregationRule', 'AggregationRule'],
  },
  AggregationRule: { 1: ['clusterRoleSelectors', 'LabelSelector', 'r'] },
  PolicyRule: {
    1: ['verbs', 'string', 'r'],
    2: ['apiGroups', 'string', 'r'],
    3: ['resources', 'string', 'r'],
    4: ['resourceNames', 'string', 'r'],
    5: ['nonResourceURLs', 'string', 'r'],
  },
  RoleBinding: {
    1: ['metadata', 'ObjectMeta'],
    2: ['subjects', 'Subject', 'r'],
    3: ['roleRef', 'RoleRef'],
  },
  Subject: {
    1: ['kind', 'string'],
    2: ['apiGroup', 'string'],
    3: ['name', 'string'],
    4: ['namespace', 'string'],
  },
  RoleRef: {
    1: ['apiGroup', 'string'],
    2: ['kind', 'string'],
    3: ['name', 'string'],
  },

  // authorization.k8s.io/v1 and authentication.k8s.io/v1
  SelfSubjectAccessReview: objectWith(
    'SelfSubjectAccessReviewSpec',
    'SubjectAccessReviewStatus',
  ),
  SelfSubjectAccessReviewSpec: {
    1: ['resourceAttributes', 'ResourceAttributes'],
    2: ['nonResourceAttributes', 'NonResourceAttributes'],
  },
  ResourceAttributes: {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
  },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SubjectAccessReviewStatus: {},
  SelfSubjectRulesReview: objectWith(
    'SelfSubjectRulesReviewSpec',
    'SubjectRulesReviewStatus',
  ),
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
  SubjectRulesReviewStatus: {},
  SelfSubjectReview: {
    1: ['metadata', 'ObjectMeta'],
    2: ['status', 'SelfSubjectReviewStatus'],
  },
  SelfSubjectReviewStatus: {},
};

/** The message of each top-level kind the decoder knows, by `apiVersion/kind`. */
export const ROOT_MESSAGES: Record<string, string> = {
  'v1/Namespace': 'Namespace',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/Service': 'Service',
  'v1/ResourceQuota': 'ResourceQuota',
  'apps/v1/Deployment': 'Deployment',
  'batch/v1/Job': 'Job',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
  'scheduling.k8s.io/v1/PriorityClass': 'PriorityClass',
  'networking.k8s.io/v1/Ingress': 'Ingress',
  'batch/v1/CronJob': 'CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'RoleBinding',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'SelfSubjectReview',
};
