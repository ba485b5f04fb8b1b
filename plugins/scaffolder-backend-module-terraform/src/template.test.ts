import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createTerraformRunAction } from './actions/run';
import { createTerraformFetchModuleAction } from './actions/fetchModule';
import { allowAll, memoryApprovals, testConfig } from './__testUtils__/harness';

const ROOT = path.resolve(__dirname, '../../..');
const template = yaml.parse(
  fs.readFileSync(
    path.join(ROOT, 'templates/terraform-run/template.yaml'),
    'utf8',
  ),
);

describe('templates/terraform-run', () => {
  it('offers exactly the modules shipped with the sandbox', () => {
    const shipped = fs
      .readdirSync(path.join(ROOT, 'packages/sandbox/modules'), {
        withFileTypes: true,
      })
      .filter(d => d.isDirectory())
      .map(d => d.name)
      .sort();
    expect(
      [...template.spec.parameters[0].properties.module.enum].sort(),
    ).toEqual(shipped);
    const sandboxConfig = yaml.parse(
      fs.readFileSync(path.join(ROOT, 'app-config.sandbox.yaml'), 'utf8'),
    );
    expect(Object.keys(sandboxConfig.edp.terraform.modules).sort()).toEqual(
      shipped,
    );
  });

  it('only passes inputs the actions declare', () => {
    const actions = [
      createTerraformRunAction({
        config: testConfig(),
        permissions: allowAll(),
        approvals: memoryApprovals(),
      }),
      createTerraformFetchModuleAction({ config: testConfig() }),
    ];
    for (const step of template.spec.steps) {
      const action = actions.find(a => a.id === step.action);
      if (!action) continue;
      const declared = Object.keys((action.schema?.input as any).properties);
      expect(
        Object.keys(step.input).filter(k => !declared.includes(k)),
      ).toEqual([]);
    }
  });

  it('plans in pass 1 and applies with the approved digest in pass 2', () => {
    const byId = Object.fromEntries(
      template.spec.steps.map((s: any) => [s.id, s]),
    );
    expect(byId.plan.input.operation).toBe('plan');
    expect(byId.plan.if).toBe('${{ not parameters.approvedPlanDigest }}');
    expect(byId.apply.input.operation).toBe('apply');
    expect(byId.apply.input.approvedPlanDigest).toBe(
      '${{ parameters.approvedPlanDigest }}',
    );
    // Only the generated entity is published, never the module folder with its state.
    expect(byId.publish.input.sourcePath).toBe('catalog');
    expect(byId.entity.input.filePath).toBe('catalog/catalog-info.yaml');
    // Registered by full URL on the published branch: catalog:register resolves a
    // catalogInfoPath against a Forgejo .../src/branch/main URL without the branch.
    expect(byId.register.input).toEqual({
      catalogInfoUrl:
        '${{ steps.publish.output.repoContentsUrl }}/catalog-info.yaml',
    });
  });
});
