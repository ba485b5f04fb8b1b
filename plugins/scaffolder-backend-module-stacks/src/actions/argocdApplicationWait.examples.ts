import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Wait until the Application created by an earlier step is Synced and Healthy',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'edp:argocd:application:wait',
          name: 'Wait for the deployment',
          input: {
            cluster: 'sandbox',
            name: 'orders',
            timeoutSeconds: 120,
          },
        },
      ],
    }),
  },
  {
    description: 'Wait for several Applications at once',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'edp:argocd:application:wait',
          name: 'Wait for the deployments',
          input: {
            names: ['orders', 'orders-worker'],
            argocdNamespace: 'argocd',
          },
        },
      ],
    }),
  },
];
