import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Plan a module fetched into ./infra, without changing anything.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'edp:terraform:run',
          name: 'Plan the infrastructure',
          input: {
            workingDirectory: 'infra',
            operation: 'plan',
            variables: { name: 'demo' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply with variables (a list is JSON-encoded), a secret passed as a sensitive variable, and a workspace.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'edp:terraform:run',
          name: 'Apply the infrastructure',
          input: {
            workingDirectory: 'infra',
            operation: 'apply',
            workspace: 'staging',
            stateKey: 'demo',
            variables: { name: 'demo', tags: ['team-a', 'staging'] },
            secretEnv: { TF_VAR_api_token: 'apiToken' },
            lockTimeout: '30s',
            parallelism: 4,
          },
        },
      ],
    }),
  },
  {
    description:
      'Destroy, in a later task, what an earlier apply created: the state of "demo" in the staging workspace outlives the task in the portal\'s state backend.',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'edp:terraform:run',
          name: 'Destroy the infrastructure',
          input: {
            workingDirectory: 'infra',
            operation: 'destroy',
            workspace: 'staging',
            stateKey: 'demo',
            variables: { name: 'demo' },
          },
        },
      ],
    }),
  },
];
