import fs from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: "nginx:1.27"}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
  namespace: argocd
spec:
  project: default
  source: {repoURL: "http://127.0.0.1:7101/platform/web-shop.git", path: deploy, targetRevision: main}
  destination: {server: "https://kubernetes.default.svc", namespace: shop}
`;

// kubectl sends bearer tokens only over HTTPS, so it talks to the stand-in's TLS endpoint.
(hasKubectl ? describe : describe.skip)(
  'kubernetes stand-in through the system kubectl',
  () => {
    // Each kubectl run is a process start plus discovery; on a loaded machine that takes seconds.
    jest.setTimeout(30_000);
    let sandbox: Sandbox;
    let dir: string;
    let kubectl: ReturnType<typeof kubectlFor>['kubectl'];
    let cleanup: () => void;

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes']);
      ({ dir, kubectl, cleanup } = kubectlFor(sandbox));
      fs.writeFileSync(path.join(dir, 'stack.yaml'), MANIFESTS);
      fs.writeFileSync(
        path.join(dir, 'scaled.yaml'),
        MANIFESTS.replace('replicas: 2', 'replicas: 5'),
      );
    });
    afterAll(async () => {
      await sandbox.stop();
      cleanup();
    });

    it('applies a multi-document file server-side, built-in kinds and the Application CRD alike', async () => {
      const applied = await kubectl(
        'apply',
        '--server-side',
        '--field-manager',
        'edp-test',
        '-f',
        path.join(dir, 'stack.yaml'),
      );
      expect(applied.stderr).toBe('');
      expect(applied.stdout).toContain('namespace/shop serverside-applied');
      expect(applied.stdout).toContain(
        'deployment.apps/web serverside-applied',
      );
      expect(applied.stdout).toContain(
        'application.argoproj.io/web serverside-applied',
      );
    });

    it('gets objects as JSON', async () => {
      const got = await kubectl(
        'get',
        'deployment',
        'web',
        '-n',
        'shop',
        '-o',
        'json',
      );
      expect(got.code).toBe(0);
      const obj = JSON.parse(got.stdout);
      expect(obj).toMatchObject({
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 2 },
      });
      const apps = JSON.parse(
        (await kubectl('get', 'applications', '-A', '-o', 'json')).stdout,
      );
      expect(
        apps.items.map(
          (a: any) => `${a.metadata.namespace}/${a.metadata.name}`,
        ),
      ).toEqual(['argocd/web']);
    });

    it('reports a conflict with another field manager, and --force-conflicts takes the field', async () => {
      const conflict = await kubectl(
        'apply',
        '--server-side',
        '--field-manager',
        'intruder',
        '-f',
        path.join(dir, 'scaled.yaml'),
      );
      expect(conflict.code).not.toBe(0);
      expect(conflict.stderr).toContain('conflict with "edp-test"');
      expect(conflict.stderr).toContain('.spec.replicas');
      const forced = await kubectl(
        'apply',
        '--server-side',
        '--field-manager',
        'intruder',
        '--force-conflicts',
        '-f',
        path.join(dir, 'scaled.yaml'),
      );
      expect(forced.code).toBe(0);
      expect(
        (
          await kubectl(
            'get',
            'deploy',
            'web',
            '-n',
            'shop',
            '-o',
            'jsonpath={.spec.replicas}',
          )
        ).stdout,
      ).toBe('5');
    });

    // (kubectl's generators such as `create configmap` send protobuf, which the stand-in answers with 415.)
    it('honours --dry-run=server', async () => {
      fs.writeFileSync(
        path.join(dir, 'dry.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry, namespace: shop}\ndata: {a: "1"}\n',
      );
      const dry = await kubectl(
        'apply',
        '--server-side',
        '--dry-run=server',
        '-f',
        path.join(dir, 'dry.yaml'),
        '-o',
        'json',
      );
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({
        metadata: { name: 'dry' },
        data: { a: '1' },
      });
      const missing = await kubectl('get', 'configmap', 'dry', '-n', 'shop');
      expect(missing.stderr).toContain('configmaps "dry" not found');
    });

    it('deletes, and reports NotFound afterwards', async () => {
      const deleted = await kubectl(
        'delete',
        'deployment',
        'web',
        '-n',
        'shop',
      );
      expect(deleted.stdout).toContain('deployment.apps "web" deleted');
      const rest = await kubectl(
        'delete',
        '-f',
        path.join(dir, 'stack.yaml'),
        '--ignore-not-found',
      );
      expect(rest.stdout).toContain('application.argoproj.io "web" deleted');
      const gone = await kubectl(
        'get',
        'deployment',
        'web',
        '-n',
        'shop',
        '-o',
        'json',
      );
      expect(gone.code).not.toBe(0);
      expect(gone.stderr).toContain('not found');
    });

    it('refuses a wrong token', async () => {
      const config = fs.readFileSync(path.join(dir, 'config'), 'utf8');
      fs.writeFileSync(
        path.join(dir, 'config'),
        config.replace('sandbox-kube-token', 'wrong-token'),
      );
      const denied = await kubectl('get', 'namespaces');
      fs.writeFileSync(path.join(dir, 'config'), config);
      expect(denied.code).not.toBe(0);
      expect(denied.stderr).toMatch(/provide credentials|Unauthorized/);
    });
  },
);
