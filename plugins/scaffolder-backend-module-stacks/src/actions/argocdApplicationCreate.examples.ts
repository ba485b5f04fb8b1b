import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deploy the deploy/ folder of a new repository with automated sync (CreateNamespace=true by default)',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'edp:argocd:application:create',
          name: 'Create the ArgoCD Application',
          input: {
            cluster: 'sandbox',
            name: 'orders',
            sourceRepoUrl: 'http://127.0.0.1:7101/platform/orders.git',
            path: 'deploy',
            destinationNamespace: 'orders',
            labels: { 'app.kubernetes.io/part-of': 'orders' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a manually synced Application pinned to a tag, in another project',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'edp:argocd:application:create',
          name: 'Create the ArgoCD Application',
          input: {
            name: 'orders-prod',
            project: 'default',
            sourceRepoUrl: 'http://127.0.0.1:7101/platform/orders.git',
            path: 'deploy',
            targetRevision: 'v1.0.0',
            destinationNamespace: 'orders-prod',
            automated: false,
            createNamespace: false,
          },
        },
      ],
    }),
  },
];
