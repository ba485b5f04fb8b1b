import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Resolve every placement value from the template's optional parameters, falling back to edp.defaults in app-config",
    example: yaml.stringify({
      steps: [
        {
          id: 'defaults',
          action: 'edp:defaults:resolve',
          name: 'Resolve where to provision',
          input: {
            forgejoHost: '${{ parameters.forgejoHost }}',
            repoOwner: '${{ parameters.repoOwner }}',
            cluster: '${{ parameters.cluster }}',
            argocdInstance: '${{ parameters.argocdInstance }}',
            stacksLocation: '${{ parameters.stacksLocation }}',
          },
        },
        {
          id: 'provision',
          action: 'edp:stack:provision',
          name: 'Provision the stack',
          input: {
            stack: '${{ steps.defaults.output.stacksLocation }}/starter',
            name: 'demo',
            forgejoHost: '${{ steps.defaults.output.forgejoHost }}',
            owner: '${{ steps.defaults.output.repoOwner }}',
            cluster: '${{ steps.defaults.output.cluster }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Resolve only what publishing to Forgejo needs; the owner is overridden, the host comes from config',
    example: yaml.stringify({
      steps: [
        {
          id: 'defaults',
          action: 'edp:defaults:resolve',
          name: 'Resolve where to publish',
          input: {
            require: ['forgejoHost', 'repoOwner'],
            repoOwner: 'team-payments',
          },
        },
        {
          id: 'publish',
          action: 'publish:forgejo',
          name: 'Publish',
          input: {
            repoUrl:
              '${{ steps.defaults.output.forgejoHost }}?owner=${{ steps.defaults.output.repoOwner }}&repo=orders',
          },
        },
      ],
    }),
  },
];
