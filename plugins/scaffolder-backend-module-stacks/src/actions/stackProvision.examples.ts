import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Provision a stack kept in a Forgejo repository and wait until all its Applications are Synced and Healthy',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'edp:stack:provision',
          name: 'Provision the stack',
          input: {
            stack:
              'http://127.0.0.1:7101/platform/stacks/src/branch/main/starter',
            name: 'starter',
            forgejoHost: '127.0.0.1:7101',
            owner: 'platform',
            cluster: 'sandbox',
            values: { greeting: 'hello' },
            // Placeholders are filled in only in the Application files and these files.
            valuesIn: ['web/*.yaml'],
            timeoutSeconds: 300,
            // Fail as soon as ArgoCD has reported an error for 30 seconds.
            failureGraceSeconds: 30,
          },
        },
      ],
    }),
  },
  {
    description:
      'Provision a stack fetched into the workspace by an earlier step, without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'edp:stack:provision',
          name: 'Provision the stack',
          input: {
            stack: './stack',
            name: 'team-a',
            forgejoHost: '127.0.0.1:7101',
            owner: 'platform',
            labels: { 'edp.io/team': 'team-a' },
            // Host names the stack hard-codes, as CNOE's stacks do.
            replace: { 'cnoe.localtest.me:8443': 'idp.team-a.example.com' },
            // Delete the Applications that left the stack since the last run.
            prune: true,
            wait: false,
          },
        },
      ],
    }),
  },
];
