import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createStackProvisionAction } from './actions/stackProvision';
import { createArgocdApplicationCreateAction } from './actions/argocdApplicationCreate';
import { createArgocdApplicationWaitAction } from './actions/argocdApplicationWait';
import { SAMPLE_STACKS } from './__testUtils__/stacks';

/** The golden-path templates in templates/ use this module's actions with inputs those actions accept. */
const TEMPLATES = path.resolve(__dirname, '../../../templates');
const config = new ConfigReader({});
const actions = [
  createKubernetesApplyAction({ config }),
  createStackProvisionAction({
    config,
    urlReader: {} as any,
    permissions: {} as any,
  }),
  createArgocdApplicationCreateAction({ config }),
  createArgocdApplicationWaitAction({ config }),
];

describe.each(['provision-stack', 'new-service'])('template %s', name => {
  const file = path.join(TEMPLATES, name, 'template.yaml');
  const template = yaml.parse(fs.readFileSync(file, 'utf8'));

  it('is listed in templates/all.yaml', () => {
    const all = yaml.parse(
      fs.readFileSync(path.join(TEMPLATES, 'all.yaml'), 'utf8'),
    );
    expect(all.spec.targets).toContain(`./${name}/template.yaml`);
  });

  it('gives only inputs the edp: actions know, and every required one', () => {
    const steps = template.spec.steps.filter((s: any) =>
      s.action.startsWith('edp:'),
    );
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const action = actions.find(a => a.id === step.action);
      expect(action).toBeDefined();
      const schema = action!.schema!.input as any;
      expect(
        Object.keys(step.input).filter(k => !(k in schema.properties)),
      ).toEqual([]);
      expect(
        (schema.required ?? []).filter((k: string) => !(k in step.input)),
      ).toEqual([]);
    }
  });

  it('has no step inputs whose keys differ only in case (the catalog refuses to stitch such a template)', () => {
    const keys = new Map<string, string>();
    for (const step of template.spec.steps) {
      for (const key of Object.keys(step.input ?? {})) {
        const seen = keys.get(key.toLowerCase());
        expect(seen ?? key).toBe(key);
        keys.set(key.toLowerCase(), key);
      }
    }
  });

  it('takes hosts, owners and clusters from parameters with defaults', () => {
    const properties = Object.assign(
      {},
      ...template.spec.parameters.map((p: any) => p.properties),
    );
    for (const key of [
      'forgejoHost',
      'repoOwner',
      'cluster',
      'argocdInstance',
    ]) {
      expect(properties[key]?.default).toBeTruthy();
    }
    const text = JSON.stringify(template.spec.steps);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('defaults to the sandbox ArgoCD instance that reconciles the Kubernetes stand-in, and the portal knows it', () => {
    const properties = Object.assign(
      {},
      ...template.spec.parameters.map((p: any) => p.properties),
    );
    const instance = properties.argocdInstance.default;
    const root = path.resolve(TEMPLATES, '..');
    const portal = yaml.parse(
      fs.readFileSync(path.join(root, 'app-config.sandbox.yaml'), 'utf8'),
    );
    const portalInstances = portal.argocd.appLocatorMethods.flatMap((m: any) =>
      m.instances.map((i: any) => i.name),
    );
    expect(portalInstances).toContain(instance);
    const sandbox = yaml.parse(
      fs.readFileSync(
        path.join(root, 'packages', 'sandbox', 'sandbox.yaml'),
        'utf8',
      ),
    );
    // Only that store sees the Applications the templates create in the cluster.
    expect(sandbox.argocd.instances[instance].store).toBe('kubernetes');
    expect(
      portal.kubernetes.clusterLocatorMethods[0].clusters.map(
        (c: any) => c.name,
      ),
    ).toContain(properties.cluster.default);
  });

  it('has a skeleton whose catalog-info.yaml carries the ArgoCD and Forgejo annotations', () => {
    const info = fs.readFileSync(
      path.join(TEMPLATES, name, 'skeleton', 'catalog-info.yaml'),
      'utf8',
    );
    expect(info).toMatch(/argocd\/(app-selector|app-name): /);
    expect(info).toContain('forgejo.org/repo-slug: ');
  });
});

describe('provision-stack template', () => {
  it('offers exactly the sample stacks that ship in packages/sandbox/seeds/stacks', () => {
    const template = yaml.parse(
      fs.readFileSync(
        path.join(TEMPLATES, 'provision-stack', 'template.yaml'),
        'utf8',
      ),
    );
    const offered = template.spec.parameters[0].properties.stack.enum;
    const shipped = fs
      .readdirSync(SAMPLE_STACKS, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .map(d => d.name);
    expect([...offered].sort()).toEqual(shipped.sort());
  });
});
