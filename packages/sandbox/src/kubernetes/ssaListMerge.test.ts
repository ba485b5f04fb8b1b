import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';
import { kubeConfigFor, statusOf } from './__testUtils__/kubeConfig';

const APPLY = k8s.PatchStrategy.ServerSideApply;

/** The fieldsV1 a manager holds on an object. */
const fieldsOf = (obj: { metadata?: k8s.V1ObjectMeta }, manager: string) =>
  obj.metadata?.managedFields?.find(m => m.manager === manager)?.fieldsV1 as
    | Record<string, any>
    | undefined;

describe('server-side apply merges keyed lists like the API server', () => {
  let sandbox: Sandbox;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    const kc = kubeConfigFor(sandbox.endpoints.kubernetes.api);
    core = kc.makeApiClient(k8s.CoreV1Api);
    apps = kc.makeApiClient(k8s.AppsV1Api);
  });
  afterAll(() => sandbox?.stop());

  const applyService = (manager: string, spec: k8s.V1ServiceSpec) =>
    core.patchNamespacedService(
      {
        name: 'api',
        namespace: 'default',
        fieldManager: manager,
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'api' },
          spec,
        },
      },
      k8s.setHeaderOptions('Content-Type', APPLY),
    );

  it('lets two managers own different ports of one Service, each port by its keys', async () => {
    await applyService('team-a', {
      selector: { app: 'api' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    });
    const both = await applyService('metrics', {
      ports: [{ name: 'metrics', port: 9090 }],
    });
    expect(both.spec!.ports!.map(p => [p.name, p.port])).toEqual([
      ['http', 80],
      ['metrics', 9090],
    ]);
    expect(fieldsOf(both, 'metrics')).toEqual({
      'f:spec': {
        'f:ports': {
          'k:{"port":9090,"protocol":"TCP"}': {
            '.': {},
            'f:name': {},
            'f:port': {},
          },
        },
      },
    });
    expect(
      fieldsOf(both, 'team-a')!['f:spec']['f:ports'][
        'k:{"port":80,"protocol":"TCP"}'
      ],
    ).toEqual({ '.': {}, 'f:name': {}, 'f:port': {}, 'f:targetPort': {} });

    // Changing a field of the other manager's port is a conflict naming that port.
    const conflict = await statusOf(
      applyService('metrics', {
        ports: [
          { name: 'metrics', port: 9090 },
          { name: 'http', port: 80, targetPort: 8081 },
        ],
      }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.message).toBe(
      'Apply failed with 1 conflict: conflict with "team-a" using v1: .spec.ports[port=80,protocol="TCP"].targetPort',
    );

    // Applying without its port gives it up; the other manager's port stays.
    const after = await applyService('metrics', {});
    expect(after.spec!.ports!.map(p => p.port)).toEqual([80]);
  });

  it('merges containers by name and their env by name', async () => {
    const apply = (manager: string, spec: k8s.V1DeploymentSpec) =>
      apps.patchNamespacedDeployment(
        {
          name: 'web',
          namespace: 'default',
          fieldManager: manager,
          body: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web' },
            spec,
          },
        },
        k8s.setHeaderOptions('Content-Type', APPLY),
      );
    const template = (containers: k8s.V1Container[]) => ({
      spec: { containers },
    });
    await apply('app', {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        ...template([
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }],
          },
        ]),
      },
    } as k8s.V1DeploymentSpec);
    const injected = await apply('injector', {
      template: template([
        { name: 'web', env: [{ name: 'B', value: '2' }] } as k8s.V1Container,
        { name: 'proxy', image: 'envoy:1.31' },
      ]),
    } as k8s.V1DeploymentSpec);
    const containers = injected.spec!.template.spec!.containers;
    expect(containers.map(c => [c.name, c.image])).toEqual([
      ['web', 'nginx:1.27'],
      ['proxy', 'envoy:1.31'],
    ]);
    expect(containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    const injector = fieldsOf(injected, 'injector')!['f:spec']['f:template'][
      'f:spec'
    ]['f:containers'];
    expect(Object.keys(injector).sort()).toEqual([
      'k:{"name":"proxy"}',
      'k:{"name":"web"}',
    ]);
    expect(injector['k:{"name":"web"}']).toEqual({
      '.': {},
      'f:name': {},
      'f:env': { 'k:{"name":"B"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
    });

    // The app's next apply (its own container and variable only) keeps the injected ones.
    const reapplied = await apply('app', {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        ...template([
          {
            name: 'web',
            image: 'nginx:1.28',
            env: [{ name: 'A', value: '1' }],
          },
        ]),
      },
    } as k8s.V1DeploymentSpec);
    const again = reapplied.spec!.template.spec!.containers;
    expect(again.map(c => [c.name, c.image])).toEqual([
      ['web', 'nginx:1.28'],
      ['proxy', 'envoy:1.31'],
    ]);
    expect(again[0].env!.map(e => e.name)).toEqual(['A', 'B']);
  });
});

/** A Deployment manifest that only sets the image of the container `web`. */
const k8sImage = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec: {containers: [{name: web, image: "${image}"}]}
`;

(hasKubectl ? describe : describe.skip)(
  'server-side apply of keyed lists through kubectl apply --server-side',
  () => {
    jest.setTimeout(60_000);
    let sandbox: Sandbox;
    let k: ReturnType<typeof kubectlFor>;

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes']);
      k = kubectlFor(sandbox);
    });
    afterAll(async () => {
      await sandbox?.stop();
      k?.cleanup();
    });

    it('adds a sidecar from a second manager and reports a conflict on the first one’s container', async () => {
      k.write(
        'web.yaml',
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
`,
      );
      k.write(
        'sidecar.yaml',
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec: {containers: [{name: proxy, image: "envoy:1.31", ports: [{containerPort: 15001}]}]}
`,
      );
      expect(
        (await k.kubectl('apply', '--server-side', '-f', 'web.yaml')).stdout,
      ).toBe('deployment.apps/web serverside-applied\n');
      const sidecar = await k.kubectl(
        'apply',
        '--server-side',
        '--field-manager=injector',
        '-f',
        'sidecar.yaml',
      );
      expect(sidecar.stderr).toBe('');
      const names = await k.kubectl(
        'get',
        'deploy',
        'web',
        '-o',
        'jsonpath={.spec.template.spec.containers[*].name}',
      );
      expect(names.stdout).toBe('web proxy');
      // Re-applying the first manifest leaves the sidecar alone and shows no diff.
      const diff = await k.kubectl('diff', '--server-side', '-f', 'web.yaml');
      expect({ code: diff.code, stdout: diff.stdout }).toEqual({
        code: 0,
        stdout: '',
      });

      k.write('web2.yaml', k8sImage('nginx:1.28'));
      const conflict = await k.kubectl(
        'apply',
        '--server-side',
        '--field-manager=injector',
        '-f',
        'web2.yaml',
      );
      expect(conflict.code).toBe(1);
      expect(conflict.stderr).toContain(
        'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.template.spec.containers[name="web"].image',
      );
    });

    it('kubectl apply (client-side) patches Service ports by port: one changed, one removed', async () => {
      const manifest = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [${ports}]
`;
      k.write(
        'svc.yaml',
        manifest(
          '{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090}',
        ),
      );
      expect((await k.kubectl('apply', '-f', 'svc.yaml')).stderr).toBe('');
      k.write(
        'svc.yaml',
        manifest(
          '{name: http, port: 80, targetPort: 8081}, {name: metrics, port: 9090}',
        ),
      );
      expect((await k.kubectl('apply', '-f', 'svc.yaml')).stdout).toBe(
        'service/api configured\n',
      );
      const ports = async () =>
        (
          await k.kubectl(
            'get',
            'svc',
            'api',
            '-o',
            'jsonpath={range .spec.ports[*]}{.name}:{.port}:{.targetPort}:{.protocol} {end}',
          )
        ).stdout.trim();
      expect(await ports()).toBe('http:80:8081:TCP metrics:9090:9090:TCP');
      k.write('svc.yaml', manifest('{name: http, port: 80, targetPort: 8081}'));
      await k.kubectl('apply', '-f', 'svc.yaml');
      expect(await ports()).toBe('http:80:8081:TCP');
    });
  },
);
