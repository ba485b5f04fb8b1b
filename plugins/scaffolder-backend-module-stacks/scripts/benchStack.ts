import fs from 'node:fs';
import path from 'node:path';

const app = (name: string, source: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
${source}
  syncPolicy:
    automated:
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
`;
const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  owner: bench\n`;
const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "example/${name}:1.0"}]
`;

/**
 * Writes a stack of 20 Applications of mixed kinds into `dir`: 8 plain folders, 4 Kustomize overlays,
 * 4 Helm chart folders, 2 multi-source charts with a values ref, and an ApplicationSet generating 2.
 */
export function writeBenchStack(dir: string) {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 8; i++) {
    files[`plain-${i}.yaml`] = app(
      `plain-${i}`,
      `  source:\n    repoURL: cnoe://plain/app-${i}\n    targetRevision: HEAD\n    path: .`,
    );
    files[`plain/app-${i}/config.yaml`] = configMap(`plain-${i}`);
    files[`plain/app-${i}/deployment.yaml`] = deployment(`plain-${i}`);
  }
  files['kustomize/base/kustomization.yaml'] = 'resources: [deployment.yaml]\n';
  files['kustomize/base/deployment.yaml'] = deployment('web');
  for (let i = 1; i <= 4; i++) {
    files[`kustomize-${i}.yaml`] = app(
      `kustomize-${i}`,
      `  source:\n    repoURL: cnoe://kustomize\n    targetRevision: HEAD\n    path: overlays/o${i}`,
    );
    files[
      `kustomize/overlays/o${i}/kustomization.yaml`
    ] = `resources: [../../base]\nnamePrefix: o${i}-\nlabels:\n  - pairs: {overlay: o${i}}\n`;
  }
  files['chart/Chart.yaml'] = 'apiVersion: v2\nname: bench\nversion: 1.0.0\n';
  files['chart/values.yaml'] = 'replicas: 1\n';
  files['chart/templates/deployment.yaml'] = deployment(
    '{{ .Release.Name }}',
  ).replace('replicas: 1', 'replicas: {{ .Values.replicas }}');
  for (let i = 1; i <= 4; i++) {
    files[`helm-${i}.yaml`] = app(
      `helm-${i}`,
      `  source:\n    repoURL: cnoe://chart\n    targetRevision: HEAD\n    path: .`,
    );
  }
  files['values/dev.yaml'] = 'replicas: 2\n';
  for (let i = 1; i <= 2; i++) {
    files[`multi-${i}.yaml`] = app(
      `multi-${i}`,
      `  sources:
    - repoURL: cnoe://chart
      targetRevision: HEAD
      path: .
      helm: {valueFiles: [$values/dev.yaml]}
    - repoURL: cnoe://values
      targetRevision: HEAD
      ref: values`,
    );
  }
  files['set.yaml'] = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: generated
  namespace: argocd
spec:
  generators:
    - git:
        repoURL: cnoe://generated
        revision: HEAD
        directories: [{path: '*'}]
  template:
    metadata:
      name: 'generated-{{path.basename}}'
    spec:
      project: default
      source: {repoURL: cnoe://generated, targetRevision: HEAD, path: '{{path}}'}
      destination: {server: https://kubernetes.default.svc, namespace: 'generated-{{path.basename}}'}
      syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}
`;
  files['generated/a/config.yaml'] = configMap('generated-a');
  files['generated/b/config.yaml'] = configMap('generated-b');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}
