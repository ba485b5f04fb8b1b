import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import builtinKinds from './builtin/kinds.json';
import { checkAgainstSchema } from './builtin/schemaValidation';
import { schemaNameOf } from './builtin/builtinSchemas';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';
import { kubeConfigFor } from './__testUtils__/kubeConfig';

/** Manifests of kinds a CNOE stack uses beyond Deployments, applied as one file. */
const STACK = `apiVersion: v1
kind: Namespace
metadata: {name: stack}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: stack}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: "postgres:16", resources: {requests: {cpu: 1, memory: 256Mi}}}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: stack}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "busybox:1.36"}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache, namespace: stack}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: tfstate-default-state, namespace: stack}
spec: {holderIdentity: terraform, leaseDurationSeconds: 15}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: stack}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: stack}
spec:
  rules:
  - host: web.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: rancher.io/local-path
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db, namespace: stack}
spec: {minAvailable: 1, selector: {matchLabels: {app: db}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: stack}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: stack}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: OnFailure, containers: [{name: backup, image: "busybox:1.36"}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: stack-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: stack-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: stack-reader}
subjects: [{kind: ServiceAccount, name: default, namespace: stack}]
`;

const WEB = (replicas: number | string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: stack}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: "nginx:1.27"${extra}}
`;

/** Paths of `sent` (what a client wrote) whose value `stored` lacks or changed; additions are fine. */
function sentButChanged(sent: unknown, stored: any, path: string): string[] {
  if (sent === undefined) return [];
  if (Array.isArray(sent))
    return sent.flatMap((v, i) =>
      sentButChanged(v, stored?.[i], `${path}[${i}]`),
    );
  if (sent && typeof sent === 'object')
    return Object.entries(sent).flatMap(([k, v]) =>
      sentButChanged(v, stored?.[k], `${path}.${k}`),
    );
  return sent === stored ? [] : [path];
}

(hasKubectl ? describe : describe.skip)(
  'kubernetes stand-in conformance: kubectl',
  () => {
    jest.setTimeout(60_000);
    let sandbox: Sandbox;
    let k: ReturnType<typeof kubectlFor>;
    let reader: ReturnType<typeof kubectlFor>;

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes'], {
        services_config: {
          kubernetes: { readOnlyToken: 'reader-token', workloadDelayMs: 2000 },
        },
      } as any);
      k = kubectlFor(sandbox);
      reader = kubectlFor(sandbox, 'reader-token');
      k.write('stack.yaml', STACK);
      k.write('web.yaml', WEB(2));
    });
    afterAll(async () => {
      await sandbox?.stop();
      k?.cleanup();
      reader?.cleanup();
    });

    it('lists every stable kind of the release in api-resources', async () => {
      const { stdout, code } = await k.kubectl('api-resources', '-o', 'name');
      expect(code).toBe(0);
      const names = stdout.trim().split('\n');
      for (const kind of builtinKinds) {
        const name = kind.group ? `${kind.plural}.${kind.group}` : kind.plural;
        expect(names).toContain(name);
      }
    });

    it('applies the kinds a stack uses, client- and server-side, and gets them back', async () => {
      const client = await k.kubectl('apply', '-f', 'stack.yaml');
      expect(client.stderr).toBe('');
      expect(client.stdout).toContain('statefulset.apps/db created');
      expect(client.stdout).toContain(
        'lease.coordination.k8s.io/tfstate-default-state created',
      );
      const server = await k.kubectl(
        'apply',
        '--server-side',
        '-f',
        'stack.yaml',
      );
      expect(server.code).toBe(0);
      expect(server.stdout).toContain(
        'ingress.networking.k8s.io/web serverside-applied',
      );
      const got = await k.kubectl(
        'get',
        'sts,ds,pvc,lease,netpol,ing,pdb,hpa,cj',
        '-n',
        'stack',
        '-o',
        'name',
      );
      expect(got.stdout.trim().split('\n').sort()).toEqual(
        [
          'statefulset.apps/db',
          'daemonset.apps/agent',
          'persistentvolumeclaim/cache',
          'lease.coordination.k8s.io/tfstate-default-state',
          'networkpolicy.networking.k8s.io/deny-all',
          'ingress.networking.k8s.io/web',
          'poddisruptionbudget.policy/db',
          'horizontalpodautoscaler.autoscaling/web',
          'cronjob.batch/backup',
        ].sort(),
      );
      const quantity = await k.kubectl(
        'get',
        'sts',
        'db',
        '-n',
        'stack',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].resources.requests.cpu}',
      );
      expect(quantity.stdout).toBe('1');
    });

    it('creates imperatively (protobuf bodies) what --dry-run=client shows', async () => {
      const generators: string[][] = [
        ['namespace', 'imperative'],
        ['configmap', 'settings', '--from-literal=a=b', '-n', 'imperative'],
        [
          'secret',
          'generic',
          'creds',
          '--from-literal=p=q',
          '-n',
          'imperative',
        ],
        [
          'deployment',
          'api',
          '--image=nginx:1.27',
          '--replicas=2',
          '--port=80',
          '-n',
          'imperative',
        ],
        ['serviceaccount', 'bot', '-n', 'imperative'],
        ['service', 'clusterip', 'api', '--tcp=80:8080', '-n', 'imperative'],
        [
          'role',
          'reader',
          '--verb=get,list',
          '--resource=pods',
          '-n',
          'imperative',
        ],
        [
          'rolebinding',
          'reader',
          '--role=reader',
          '--user=bob',
          '-n',
          'imperative',
        ],
        ['clusterrole', 'health', '--verb=get', '--non-resource-url=/healthz'],
        [
          'clusterrolebinding',
          'health',
          '--clusterrole=health',
          '--group=devs',
        ],
        ['job', 'once', '--image=busybox:1.36', '-n', 'imperative'],
        [
          'cronjob',
          'nightly',
          '--image=busybox:1.36',
          '--schedule=0 1 * * *',
          '-n',
          'imperative',
        ],
        ['quota', 'small', '--hard=cpu=1,pods=2', '-n', 'imperative'],
        [
          'poddisruptionbudget',
          'api',
          '--selector=app=api',
          '--min-available=1',
          '-n',
          'imperative',
        ],
        ['priorityclass', 'high', '--value=1000'],
        [
          'ingress',
          'api',
          '--rule=api.example.com/=api:80',
          '-n',
          'imperative',
        ],
      ];
      for (const g of generators) {
        const expected = await k.kubectl(
          'create',
          ...g,
          '--dry-run=client',
          '-o',
          'json',
        );
        const created = await k.kubectl('create', '-o', 'json', ...g);
        expect({ args: g, stderr: created.stderr }).toEqual({
          args: g,
          stderr: '',
        });
        const want = JSON.parse(expected.stdout);
        const got = JSON.parse(created.stdout);
        // Everything the client sent is stored as sent; the server adds only its defaults.
        const differing = [
          ...sentButChanged(
            want.metadata.labels,
            got.metadata.labels,
            'labels',
          ),
          ...['spec', 'data', 'rules', 'subjects', 'roleRef', 'value'].flatMap(
            f => sentButChanged(want[f], got[f], f),
          ),
        ];
        expect({ args: g, differing }).toEqual({ args: g, differing: [] });
      }
    });

    it('fills in the defaults the API server sets, as kubectl get shows them', async () => {
      const get = async (...args: string[]) =>
        JSON.parse((await k.kubectl('get', '-o', 'json', ...args)).stdout);
      const deployment = await get('deployment', 'api', '-n', 'imperative');
      expect(deployment.spec).toMatchObject({
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
        template: {
          spec: {
            restartPolicy: 'Always',
            dnsPolicy: 'ClusterFirst',
            terminationGracePeriodSeconds: 30,
            schedulerName: 'default-scheduler',
            securityContext: {},
          },
        },
      });
      expect(deployment.spec.template.spec.containers[0]).toMatchObject({
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      });
      const service = await get('service', 'api', '-n', 'imperative');
      expect(service.spec).toMatchObject({
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        clusterIPs: [service.spec.clusterIP],
      });
      expect(service.spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
      const namespace = await get('namespace', 'imperative');
      expect(namespace.metadata.labels).toEqual({
        'kubernetes.io/metadata.name': 'imperative',
      });
      // Diffing the manifest that left them out shows no defaults as changes.
      k.write(
        'api.yaml',
        (
          await k.kubectl(
            'create',
            'deployment',
            'api',
            '--image=nginx:1.27',
            '--replicas=2',
            '--port=80',
            '-n',
            'imperative',
            '--dry-run=client',
            '-o',
            'yaml',
          )
        ).stdout,
      );
      const diff = await k.kubectl('diff', '--server-side', '-f', 'api.yaml');
      expect(diff.stderr).toBe('');
      expect(diff.stdout).not.toMatch(
        /^[-+]\s+(strategy|revisionHistoryLimit|progressDeadlineSeconds|imagePullPolicy|terminationMessagePath|dnsPolicy|restartPolicy|protocol)\b/m,
      );
    });

    it('answers auth can-i and whoami from the token', async () => {
      expect(
        (
          await k.kubectl('auth', 'can-i', 'create', 'deployments')
        ).stdout.trim(),
      ).toBe('yes');
      const denied = await reader.kubectl('auth', 'can-i', 'delete', 'pods');
      expect(denied.stdout.trim()).toBe('no');
      expect(
        (await reader.kubectl('auth', 'can-i', 'list', 'pods')).stdout.trim(),
      ).toBe('yes');
      expect(
        (
          await k.kubectl(
            'auth',
            'whoami',
            '-o',
            'jsonpath={.status.userInfo.username}',
          )
        ).stdout,
      ).toBe('sandbox-admin');
    });

    it('rolls a Deployment out through a ReplicaSet and Pods, scales it, and describes it', async () => {
      expect((await k.kubectl('apply', '-f', 'web.yaml')).code).toBe(0);
      const before = await k.kubectl(
        'get',
        'deploy',
        'web',
        '-n',
        'stack',
        '-o',
        'jsonpath={.status.availableReplicas}',
      );
      // Available only once the simulated Pods are Ready, not at creation.
      expect(before.stdout).toBe('');
      const rollout = await k.kubectl(
        'rollout',
        'status',
        'deployment/web',
        '-n',
        'stack',
        '--timeout=30s',
      );
      expect(rollout.stdout).toContain(
        'deployment "web" successfully rolled out',
      );
      const pods = await k.kubectl(
        'get',
        'pods',
        '-n',
        'stack',
        '-l',
        'app=web',
        '-o',
        'name',
      );
      expect(pods.stdout.trim().split('\n')).toHaveLength(2);

      expect(
        (
          await k.kubectl(
            'scale',
            'deployment/web',
            '-n',
            'stack',
            '--replicas=3',
          )
        ).stdout,
      ).toContain('scaled');
      await k.kubectl(
        'rollout',
        'status',
        'deployment/web',
        '-n',
        'stack',
        '--timeout=30s',
      );
      const scaled = await k.kubectl(
        'get',
        'pods',
        '-n',
        'stack',
        '-l',
        'app=web',
        '-o',
        'name',
      );
      expect(scaled.stdout.trim().split('\n')).toHaveLength(3);

      const described = await k.kubectl(
        'describe',
        'deployment',
        'web',
        '-n',
        'stack',
      );
      expect(described.stdout).toMatch(
        /Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available/,
      );
      expect(described.stdout).toMatch(
        /NewReplicaSet:\s+web-\w+ \(3\/3 replicas created\)/,
      );
    });

    it('explains fields from /openapi/v3 and diffs against the live object', async () => {
      const explained = await k.kubectl('explain', 'deployment.spec.replicas');
      expect(explained.stdout).toContain('FIELD: replicas <integer>');
      expect(explained.stdout).toContain('Number of desired pods');
      k.write('web5.yaml', WEB(5));
      const diff = await k.kubectl('diff', '-f', 'web5.yaml');
      expect(diff.code).toBe(1);
      expect(diff.stdout).toMatch(/-\s+replicas: 3\n\+\s+replicas: 5/);
    });

    it('refuses invalid objects with the API server texts', async () => {
      k.write('bad-type.yaml', WEB('"two"'));
      const badType = await k.kubectl('apply', '-f', 'bad-type.yaml');
      expect(badType.stderr).toContain(
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      );
      k.write('unknown.yaml', WEB(1, ', imagePullPolicyy: Always'));
      const unknown = await k.kubectl('apply', '-f', 'unknown.yaml');
      expect(unknown.stderr).toContain(
        'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
      );
      const warned = await k.kubectl(
        'apply',
        '--validate=warn',
        '-f',
        'unknown.yaml',
      );
      expect(warned.stderr).toContain(
        'Warning: unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
      );
      k.write('no-image.yaml', WEB(1).replace(', image: "nginx:1.27"', ''));
      const noImage = await k.kubectl('apply', '-f', 'no-image.yaml');
      expect(noImage.stderr).toContain(
        'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value',
      );
    });

    it('deletes, garbage-collecting the ReplicaSet and its Pods', async () => {
      expect(
        (await k.kubectl('delete', 'deployment', 'web', '-n', 'stack')).stdout,
      ).toContain('deleted');
      const left = await k.kubectl(
        'get',
        'rs,pods',
        '-n',
        'stack',
        '-o',
        'name',
      );
      expect(left.stdout.trim()).toBe('');
    });
  },
);

describe('kubernetes stand-in conformance: client-node responses against the schemas', () => {
  let sandbox: Sandbox;
  let kc: k8s.KubeConfig;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    kc = kubeConfigFor(sandbox.endpoints.kubernetes.api);
  });
  afterAll(() => sandbox?.stop());

  it('creates objects whose responses match their definitions', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    const deployment = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'api' },
        spec: {
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api' } },
            spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const role = await rbac.createNamespacedRole({
      namespace: 'default',
      body: {
        metadata: { name: 'api' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      },
    });
    const plain = (o: unknown) => JSON.parse(JSON.stringify(o));
    expect(
      checkAgainstSchema('io.k8s.api.apps.v1.Deployment', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        ...plain(deployment),
      }),
    ).toEqual({ unknownFields: [], missing: [] });
    expect(
      checkAgainstSchema('io.k8s.api.rbac.v1.Role', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        ...plain(role),
      }),
    ).toEqual({ unknownFields: [], missing: [] });
  });

  it('lists every listable kind as its List definition says', async () => {
    const base = sandbox.endpoints.kubernetes.api;
    for (const kind of builtinKinds.filter(x => x.verbs.includes('list'))) {
      const gv = kind.group ? `apis/${kind.group}/${kind.version}` : 'api/v1';
      const res = await fetch(`${base}/${gv}/${kind.plural}`, {
        headers: { authorization: 'Bearer sandbox-kube-token' },
      });
      expect({ kind: kind.kind, status: res.status }).toEqual({
        kind: kind.kind,
        status: 200,
      });
      const listSchema = schemaNameOf({ ...kind, kind: `${kind.kind}List` });
      expect({ kind: kind.kind, listSchema: !!listSchema }).toEqual({
        kind: kind.kind,
        listSchema: true,
      });
      expect({
        kind: kind.kind,
        ...checkAgainstSchema(listSchema!, await res.json()),
      }).toEqual({ kind: kind.kind, unknownFields: [], missing: [] });
    }
  });
});
