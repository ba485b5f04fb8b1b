import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Apply a ConfigMap given as YAML text, creating its namespace',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'edp:kubernetes:apply',
          name: 'Apply configuration',
          input: {
            cluster: 'sandbox',
            createNamespace: true,
            manifests:
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\n  namespace: shop\ndata:\n  currency: EUR\n',
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply a Deployment given as an object and wait until it is Available',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'edp:kubernetes:apply',
          name: 'Deploy',
          input: {
            cluster: 'sandbox',
            namespace: 'default',
            wait: true,
            timeoutSeconds: 120,
            manifests: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'hello' },
              spec: {
                replicas: 1,
                selector: { matchLabels: { app: 'hello' } },
                template: {
                  metadata: { labels: { app: 'hello' } },
                  spec: {
                    containers: [{ name: 'hello', image: 'nginx:1.27' }],
                  },
                },
              },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply a file written by an earlier step, taking over conflicting fields',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'edp:kubernetes:apply',
          name: 'Apply rendered manifests',
          input: {
            cluster: 'sandbox',
            manifestPath: 'manifests/app.yaml',
            force: true,
          },
        },
      ],
    }),
  },
];
