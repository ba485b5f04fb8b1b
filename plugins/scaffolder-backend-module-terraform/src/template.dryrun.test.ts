import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import yaml from 'yaml';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import scaffolderModuleStacks from '@edp/plugin-scaffolder-backend-module-stacks';
import { scaffolderModuleTerraform } from './module';
import { SANDBOX_MODULES, STAND_IN } from './__testUtils__/harness';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');
const template = yaml.parse(
  fs.readFileSync(
    path.join(ROOT, 'templates/terraform-run/template.yaml'),
    'utf8',
  ),
);

/**
 * The portal's placement: the template's first step (edp:defaults:resolve, from the stacks module)
 * takes the Forgejo host from the only integrations.gitea entry and the owner from edp.defaults.
 */
const placementConfig = {
  integrations: {
    gitea: [{ host: 'forgejo.example.test', password: 'test-token' }],
  },
  defaults: { repoOwner: 'acme' },
};

/**
 * Pass 1 of templates/terraform-run in the real scaffolder backend (its dry-run endpoint runs the
 * steps with the task engine, templating and task log), with the terraform stand-in.
 */
describe('templates/terraform-run in the scaffolder', () => {
  it('plans the chosen sandbox module and offers the approval link with the plan digest', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleTerraform,
        scaffolderModuleStacks,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: placementConfig.integrations,
            edp: {
              defaults: placementConfig.defaults,
              terraform: {
                binary: STAND_IN,
                modules: {
                  'random-pet': path.join(SANDBOX_MODULES, 'random-pet'),
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const res = await fetch(
        `http://localhost:${port}/api/scaffolder/v2/dry-run`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            template,
            values: {
              module: 'random-pet',
              name: 'pets',
              owner: 'group:default/platform-engineers',
              length: 2,
              prefix: 'dry',
            },
            directoryContents: [],
          }),
        },
      );
      const body = await res.json();
      expect({ status: res.status, body }).toMatchObject({ status: 200 });
      // Task log lines read "info: <message>" (colored): keep the message.
      const messages: string[] = body.log.map((e: any) =>
        String(e.body.message)
          .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
          .replace(/^(info|warn|error): /, ''),
      );
      expect(messages).toEqual(
        expect.arrayContaining([
          '+ create random_pet.name',
          '+ create random_id.suffix',
          'Plan: 2 to add, 0 to change, 0 to destroy.',
        ]),
      );
      const digest = /Plan digest ([0-9a-f]{16})/.exec(
        messages.join('\n'),
      )?.[1];
      expect(digest).toBeDefined();
      // Pass 1 shows only the plan and the approval link, nothing of pass 2.
      expect(body.output.text.map((t: any) => t.title)).toEqual(['Plan']);
      expect(body.output.links.map((l: any) => l.title)).toEqual([
        'Approve and apply this plan',
      ]);
      expect(body.output.text[0].content).toContain(
        '**Plan: 2 to add, 0 to change, 0 to destroy.**',
      );
      // Where pass 2 will publish, resolved from the portal's config (no placement was filled in).
      expect(body.output.text[0].content).toContain(
        'published to `forgejo.example.test`,\nrepository `acme/pets`',
      );
      const link = body.output.links.find(
        (l: any) => l.title === 'Approve and apply this plan',
      );
      const formData = JSON.parse(
        new URL(link.url, 'http://x').searchParams.get('formData')!,
      );
      expect(formData).toEqual({
        module: 'random-pet',
        name: 'pets',
        owner: 'group:default/platform-engineers',
        length: 2,
        prefix: 'dry',
        approvedPlanDigest: digest,
      });
      // Pass-2 steps are skipped in pass 1.
      for (const step of ['apply', 'entity', 'publish', 'register']) {
        expect(messages).toContain(
          `Skipping step ${step} because its if condition was false`,
        );
      }
    } finally {
      await backend.stop();
    }
  });

  it('in pass 2 (dry-run: plan only) takes the approved digest and writes the Resource entity', async () => {
    // publish:forgejo comes from another module; a stand-in records what pass 2 publishes where.
    const published: unknown[] = [];
    const publishStandIn = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'publish-forgejo-stand-in',
      register({ registerInit }) {
        registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) {
            scaffolder.addActions(
              createTemplateAction({
                id: 'publish:forgejo',
                // Runs in the dry-run so that the test sees where the template publishes.
                supportsDryRun: true,
                handler: async ctx => {
                  published.push(ctx.input);
                },
              }),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleTerraform,
        scaffolderModuleStacks,
        publishStandIn,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: placementConfig.integrations,
            edp: {
              defaults: placementConfig.defaults,
              terraform: {
                binary: STAND_IN,
                modules: {
                  'random-pet': path.join(SANDBOX_MODULES, 'random-pet'),
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const dryRun = async (values: Record<string, unknown>) => {
        const res = await fetch(
          `http://localhost:${port}/api/scaffolder/v2/dry-run`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ template, values, directoryContents: [] }),
          },
        );
        expect(res.status).toBe(200);
        return res.json();
      };
      const values = {
        module: 'random-pet',
        name: 'pets',
        owner: 'group:default/platform-engineers',
        // Overrides edp.defaults.repoOwner; the approval link must carry it to pass 2.
        repoOwner: 'team-pets',
        length: 2,
      };
      const pass1 = await dryRun(values);
      const link = pass1.output.links.find(
        (l: any) => l.title === 'Approve and apply this plan',
      );
      const approved = JSON.parse(
        new URL(link.url, 'http://x').searchParams.get('formData')!,
      );
      expect(approved.repoOwner).toBe('team-pets');

      const pass2 = await dryRun(approved);
      const file = pass2.directoryContents.find(
        (f: any) => f.path === 'catalog/catalog-info.yaml',
      );
      const entity = yaml.parse(
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      );
      expect(entity).toMatchObject({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'pets',
          annotations: {
            'edp.io/terraform-module': 'random-pet',
            'edp.io/terraform-plan-digest': approved.approvedPlanDigest,
            'edp.io/terraform-outputs': '{}', // a dry-run stops after the plan: no outputs yet
          },
          tags: ['terraform', 'random-pet'],
        },
        spec: {
          type: 'terraform-module',
          owner: 'group:default/platform-engineers',
        },
      });
      // Published to the Forgejo host of the portal's config, under the owner the user chose.
      expect(published).toEqual([
        expect.objectContaining({
          repoUrl: 'forgejo.example.test?owner=team-pets&repo=pets',
          sourcePath: 'catalog',
        }),
      ]);
      // Only catalog/ is published, so the module folder with its state stays in the workspace.
      expect(pass2.output.links.map((l: any) => l.title)).toEqual([
        'Open the resource in the catalog',
      ]);
      expect(pass2.output.text.map((t: any) => t.title)).toEqual(['Applied']);
      expect(pass2.output.text[0].content).toContain(
        '**Applied: 2 added, 0 changed, 0 destroyed.**',
      );
    } finally {
      await backend.stop();
    }
  });
});
