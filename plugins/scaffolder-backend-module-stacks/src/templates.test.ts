import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createStackProvisionAction } from './actions/stackProvision';
import { createArgocdApplicationCreateAction } from './actions/argocdApplicationCreate';
import { createArgocdApplicationWaitAction } from './actions/argocdApplicationWait';
import { createDefaultsResolveAction } from './actions/defaultsResolve';
import { PLACEMENT_KEYS } from '@edp/plugin-scaffolder-edp-common';
import { SAMPLE_STACKS } from './__testUtils__/stacks';

/** The templates in templates/ use this module's actions with inputs those actions accept. */
const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATES = path.join(ROOT, 'templates');
const readYaml = (file: string) =>
  yaml.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const config = new ConfigReader({});
const actions = [
  createKubernetesApplyAction({
    config,
    permissions: {} as any,
    auditor: {} as any,
  }),
  createStackProvisionAction({
    config,
    urlReader: {} as any,
    permissions: {} as any,
  }),
  createArgocdApplicationCreateAction({
    config,
    permissions: {} as any,
    auditor: {} as any,
  }),
  createArgocdApplicationWaitAction({ config, permissions: {} as any }),
  createDefaultsResolveAction({ config }),
];

const loadTemplate = (name: string) =>
  readYaml(`templates/${name}/template.yaml`);

/** Every parameter property, including those of `dependencies` (oneOf branches). */
function parameterProperties(template: any): Record<string, any> {
  const all: Record<string, any> = {};
  for (const page of template.spec.parameters) {
    Object.assign(all, page.properties);
    for (const dep of Object.values<any>(page.dependencies ?? {}))
      for (const branch of dep.oneOf ?? [])
        Object.assign(all, branch.properties);
  }
  return all;
}

const fromDefaults = (key: string) => `\${{ steps.defaults.output.${key} }}`;
const host = fromDefaults('forgejoHost');
const owner = fromDefaults('repoOwner');

/** Where each template puts the resolved values ("<step id>.<input path>"). */
const PLACED: Record<string, Record<string, string>> = {
  'provision-stack': {
    'provision.stack': `${fromDefaults(
      'stacksLocation',
    )}/\${{ parameters.stack }}`,
    'provision.forgejoHost': host,
    'provision.owner': owner,
    'provision.cluster': fromDefaults('cluster'),
    'entity.values.argocdInstance': fromDefaults('argocdInstance'),
    'entity.values.repoSlug': `${owner}/\${{ parameters.name }}-stack`,
    'publish.repoUrl': `${host}?owner=${owner}&repo=\${{ parameters.name }}-stack`,
  },
  'new-service': {
    'fetch.values.repoSlug': `${owner}/\${{ parameters.name }}`,
    'fetch.values.argocdInstance': fromDefaults('argocdInstance'),
    'publish.repoUrl': `${host}?owner=${owner}&repo=\${{ parameters.name }}`,
    'argocd.cluster': fromDefaults('cluster'),
    'wait.cluster': fromDefaults('cluster'),
  },
  'terraform-run': {
    'publish.repoUrl': `${host}?owner=${owner}&repo=\${{ parameters.name }}`,
  },
};

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(value: any, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value).map(([k, v]) =>
      flatten(v, prefix ? `${prefix}.${k}` : k),
    ),
  );
}

describe.each(['provision-stack', 'new-service', 'terraform-run'])(
  'template %s',
  name => {
    const template = loadTemplate(name);
    const steps: any[] = template.spec.steps;
    const placement = Object.keys(parameterProperties(template)).filter(k =>
      (PLACEMENT_KEYS as readonly string[]).includes(k),
    );

    it('is listed in templates/all.yaml', () => {
      expect(readYaml('templates/all.yaml').spec.targets).toContain(
        `./${name}/template.yaml`,
      );
    });

    it('carries no sandbox host, owner, cluster or instance in its parameters or steps', () => {
      expect(placement.length).toBeGreaterThan(0);
      const properties = parameterProperties(template);
      for (const key of placement) {
        // Optional and free: empty means the portal's default, named in the description.
        expect(properties[key]).not.toHaveProperty('default');
        expect(properties[key]).not.toHaveProperty('enum');
        expect(properties[key].description).toContain(`edp.defaults.${key}`);
        for (const page of template.spec.parameters)
          expect(page.required ?? []).not.toContain(key);
      }
      expect(JSON.stringify(template.spec.parameters)).not.toMatch(
        /127\.0\.0\.1|localhost|7101/,
      );
      expect(JSON.stringify(steps)).not.toMatch(
        /127\.0\.0\.1|localhost|7101|owner=platform|\bsandbox\b|\bplatform\b/,
      );
    });

    it('shows each placement field pre-filled from edp.defaults (EdpPlacement form field)', () => {
      const properties = parameterProperties(template);
      for (const key of placement) {
        expect(properties[key]).toMatchObject({
          'ui:field': 'EdpPlacement',
          'ui:options': { placement: key },
        });
      }
    });

    it('resolves placement in its first step, and only there reads the placement parameters', () => {
      const [first, ...later] = steps;
      expect(first).toMatchObject({
        id: 'defaults',
        action: 'edp:defaults:resolve',
      });
      for (const key of placement)
        expect(first.input[key]).toBe(`\${{ parameters.${key} }}`);
      expect(first.if).toBeUndefined();
      const laterText = JSON.stringify(later);
      for (const key of placement)
        expect(laterText).not.toContain(`parameters.${key}`);
      // Every value the later steps read is one the step must resolve.
      const used = [
        ...laterText.matchAll(/steps\.defaults\.output\.(\w+)/g),
      ].map(m => m[1]);
      expect(used.length).toBeGreaterThan(0);
      expect(first.input.require).toEqual(
        expect.arrayContaining([...new Set(used)]),
      );
      expect([...first.input.require].sort()).toEqual([...placement].sort());
    });

    it('gives every placement value of the later steps from steps.defaults', () => {
      const inputs = flatten(
        Object.fromEntries(steps.slice(1).map(st => [st.id, st.input ?? {}])),
      );
      const fromStep = Object.keys(inputs).filter(k =>
        String(inputs[k]).includes('steps.defaults.output.'),
      );
      expect(fromStep.sort()).toEqual(Object.keys(PLACED[name]).sort());
      for (const [where, expected] of Object.entries(PLACED[name]))
        expect(inputs[where]).toBe(expected);
      // An input named like a placement value always comes from the resolved ones.
      const placementNamed = Object.keys(inputs).filter(k =>
        /\.(forgejoHost|repoOwner|cluster|argocdInstance|stacksLocation)$/.test(
          k,
        ),
      );
      expect(placementNamed.filter(k => !fromStep.includes(k))).toEqual([]);
    });

    it("gives only inputs this module's actions know, and every required one", () => {
      const ours = steps.filter(s => actions.some(a => a.id === s.action));
      expect(ours.map(s => s.action)).toContain('edp:defaults:resolve');
      for (const step of ours) {
        const action = actions.find(a => a.id === step.action)!;
        const schema = action.schema!.input as any;
        expect(
          Object.keys(step.input).filter(k => !(k in schema.properties)),
        ).toEqual([]);
        expect(
          (schema.required ?? []).filter((k: string) => !(k in step.input)),
        ).toEqual([]);
      }
      // Every edp: step is one of ours, except terraform-run's edp:terraform:* (the terraform module's).
      expect(ours).toEqual(
        steps.filter(
          s =>
            s.action.startsWith('edp:') &&
            !s.action.startsWith('edp:terraform:'),
        ),
      );
    });

    it('has no step inputs whose keys differ only in case (the catalog refuses to stitch such a template)', () => {
      const keys = new Map<string, string>();
      for (const step of steps) {
        for (const key of Object.keys(step.input ?? {})) {
          const seen = keys.get(key.toLowerCase());
          expect(seen ?? key).toBe(key);
          keys.set(key.toLowerCase(), key);
        }
      }
    });

    it("is placed by the sandbox portal's app-config when the form leaves placement empty", async () => {
      const portal = readYaml('app-config.sandbox.yaml');
      const ctx = createMockActionContext({
        // An empty form field renders to undefined.
        input: { require: steps[0].input.require },
        logger: mockServices.logger.mock() as any,
      });
      await createDefaultsResolveAction({
        config: new ConfigReader(portal),
      }).handler(ctx);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(Object.keys(outputs).sort()).toEqual(
        [...steps[0].input.require].sort(),
      );
      for (const [key, value] of Object.entries(outputs))
        expect(value).toBe(portal.edp.defaults[key]);
    });
  },
);

describe.each(['provision-stack', 'new-service'])('template %s', name => {
  it('has a skeleton whose catalog-info.yaml carries the ArgoCD and Forgejo annotations', () => {
    const info = fs.readFileSync(
      path.join(TEMPLATES, name, 'skeleton', 'catalog-info.yaml'),
      'utf8',
    );
    expect(info).toMatch(/argocd\/(app-selector|app-name): /);
    expect(info).toContain('forgejo.org/repo-slug: ');
  });
});

describe('sandbox placement defaults (app-config.sandbox.yaml edp.defaults)', () => {
  it('name the ArgoCD instance that reconciles the Kubernetes stand-in, and a configured cluster', () => {
    const portal = readYaml('app-config.sandbox.yaml');
    const sandbox = readYaml('packages/sandbox/sandbox.yaml');
    const { argocdInstance, cluster } = portal.edp.defaults;
    // Only that store sees the Applications the templates create in the cluster.
    expect(sandbox.argocd.instances[argocdInstance].store).toBe('kubernetes');
    expect(
      portal.kubernetes.clusterLocatorMethods[0].clusters.map(
        (c: any) => c.name,
      ),
    ).toContain(cluster);
  });
});

describe('provision-stack template', () => {
  it('offers exactly the sample stacks that ship in packages/sandbox/seeds/stacks', () => {
    const offered =
      loadTemplate('provision-stack').spec.parameters[0].properties.stack.enum;
    // Stack folders have YAML files at their top; others (common/) hold what stacks share.
    const shipped = fs
      .readdirSync(SAMPLE_STACKS, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .filter(d =>
        fs
          .readdirSync(path.join(SAMPLE_STACKS, d.name))
          .some(f => /\.ya?ml$/.test(f)),
      )
      .map(d => d.name);
    expect([...offered].sort()).toEqual(shipped.sort());
  });
});
