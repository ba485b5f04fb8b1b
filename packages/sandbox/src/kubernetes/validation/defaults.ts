import type { ResourceType } from '../store/resources';

type Obj = Record<string, any>;

/**
 * The defaults the real API server fills into built-in kinds on every write (the generated
 * `SetDefaults_*` of k8s.io/kubernetes pkg/apis/<group>/v1/defaults.go, plus what the service IP
 * allocator sets), so that `kubectl get -o yaml`, `kubectl diff` and clients reading objects back
 * see what a real cluster would hold. Only fields left out are filled; nothing set is changed.
 * `existing` (on updates) keeps what the server allocated (a Service's clusterIP, node ports).
 */
export function applyDefaults(
  type: ResourceType,
  obj: Obj,
  existing: Obj | undefined,
): void {
  const spec = obj.spec;
  const key = `${type.group}/${type.kind}`;
  switch (key) {
    case '/Pod':
      if (spec) {
        podSpec(spec, { restartPolicy: true });
        spec.enableServiceLinks ??= true;
      }
      return;
    case '/Namespace':
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name,
      };
      obj.spec = { finalizers: ['kubernetes'], ...spec };
      return;
    case '/Secret':
      obj.type ??= 'Opaque';
      return;
    case '/Service':
      if (spec) service(obj, existing?.spec);
      return;
    case '/PersistentVolumeClaim':
      if (spec) spec.volumeMode ??= 'Filesystem';
      return;
    case '/ReplicationController':
    case 'apps/ReplicaSet':
      if (!spec) return;
      spec.replicas ??= 1;
      template(spec, true);
      return;
    case 'apps/Deployment':
      if (!spec) return;
      spec.replicas ??= 1;
      spec.strategy ??= {};
      spec.strategy.type ??= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      template(spec, true);
      return;
    case 'apps/StatefulSet':
      if (!spec) return;
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= {};
      spec.updateStrategy.type ??= 'RollingUpdate';
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.partition ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      spec.persistentVolumeClaimRetentionPolicy ??= {};
      spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
      spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
      for (const claim of spec.volumeClaimTemplates ?? []) {
        claim.apiVersion ??= 'v1';
        claim.kind ??= 'PersistentVolumeClaim';
        if (claim.spec) claim.spec.volumeMode ??= 'Filesystem';
      }
      template(spec, true);
      return;
    case 'apps/DaemonSet':
      if (!spec) return;
      spec.updateStrategy ??= {};
      spec.updateStrategy.type ??= 'RollingUpdate';
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
        spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      template(spec, true);
      return;
    case 'batch/Job':
      if (spec) job(spec);
      return;
    case 'batch/CronJob':
      if (!spec) return;
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      if (spec.jobTemplate?.spec) job(spec.jobTemplate.spec);
      return;
    case 'networking.k8s.io/NetworkPolicy':
      if (spec && !spec.policyTypes)
        spec.policyTypes = spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
      return;
    case 'autoscaling/HorizontalPodAutoscaler':
      if (!spec) return;
      spec.minReplicas ??= 1;
      // autoscaling/v2 without metrics scales on 80% cpu (v1 leaves that to the controller).
      if (type.version === 'v2' && !spec.metrics?.length)
        spec.metrics = [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ];
      return;
    case 'scheduling.k8s.io/PriorityClass':
      // kubectl describe dereferences it without a nil check.
      obj.preemptionPolicy ??= 'PreemptLowerPriority';
      return;
    case 'storage.k8s.io/StorageClass':
      obj.reclaimPolicy ??= 'Delete';
      obj.volumeBindingMode ??= 'Immediate';
      return;
    case 'storage.k8s.io/CSIDriver':
      if (!spec) return;
      spec.attachRequired ??= true;
      spec.podInfoOnMount ??= false;
      spec.storageCapacity ??= false;
      spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
      spec.requiresRepublish ??= false;
      spec.seLinuxMount ??= false;
      spec.volumeLifecycleModes ??= ['Persistent'];
      return;
    case '/Endpoints':
      for (const subset of obj.subsets ?? [])
        for (const port of subset.ports ?? []) port.protocol ??= 'TCP';
      return;
    case 'discovery.k8s.io/EndpointSlice':
      // kubectl describe dereferences both without a nil check.
      for (const port of obj.ports ?? []) {
        port.name ??= '';
        port.protocol ??= 'TCP';
      }
      return;
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      for (const s of obj.subjects ?? [])
        if (
          (s.kind === 'User' || s.kind === 'Group') &&
          s.apiGroup === undefined
        )
          s.apiGroup = 'rbac.authorization.k8s.io';
      return;
    default:
  }
}

function job(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  // A Job's Pods must say OnFailure or Never themselves (validation), so no restartPolicy default.
  template(spec, false);
}

function template(spec: Obj, restartPolicy: boolean): void {
  if (spec.template?.spec) podSpec(spec.template.spec, { restartPolicy });
}

/** SetDefaults_PodSpec and SetDefaults_Container (with its ports, volumes and probes). */
function podSpec(spec: Obj, options: { restartPolicy: boolean }): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  if (options.restartPolicy) spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
    container(c);
  for (const v of spec.volumes ?? []) {
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  }
}

function container(c: Obj): void {
  if (!c || typeof c !== 'object') return;
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.imagePullPolicy ??= pullPolicyOf(c.image);
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

/** `:latest` or no tag pulls always; a tag or a digest only when missing. */
function pullPolicyOf(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Service defaults, and the cluster IP and node ports the allocators would give (kept on updates). */
function service(obj: Obj, before: Obj | undefined): void {
  const spec = obj.spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    if (spec.type !== 'ExternalName') p.targetPort ??= p.port;
  }
  if (spec.type === 'ExternalName') return;
  // An address of the service range 10.96.0.0/12 that stays the same for the same Service.
  spec.clusterIP ??= before?.clusterIP;
  if (spec.clusterIP === undefined) {
    const h = hash(`${obj.metadata.namespace}/${obj.metadata.name}`);
    spec.clusterIP = `10.${96 + ((h >>> 16) & 15)}.${(h >>> 8) & 255}.${
      (h & 253) + 2
    }`;
  }
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer')
      spec.allocateLoadBalancerNodePorts ??= true;
    (spec.ports ?? []).forEach((p: Obj, i: number) => {
      p.nodePort ??=
        before?.ports?.find((b: Obj) => b.port === p.port)?.nodePort ??
        30000 + (hash(`${spec.clusterIP}/${p.port}/${i}`) % 2768 >>> 0);
    });
  }
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}
