import fs from 'node:fs';
import path from 'node:path';
import { deriveKinds, deriveSchemas } from './derive';

const CLIENT_NODE = path.dirname(
  require.resolve('@kubernetes/client-node/package.json'),
);
const KINDS_FILE = path.join(__dirname, 'kinds.json');
const SCHEMAS_FILE = path.join(__dirname, 'schemas.json');

/**
 * `kinds.json` and `schemas.json` are derived from the installed client-node; with
 * EDP_REGENERATE_KUBE_BUILTINS=1 this test rewrites them (after upgrading client-node), otherwise it
 * fails when they drift apart.
 */
describe('built-in kinds derived from @kubernetes/client-node', () => {
  const derived = deriveKinds(CLIENT_NODE);

  it('matches the committed kinds.json', () => {
    const text = `${JSON.stringify(derived, null, 2)}\n`;
    if (process.env.EDP_REGENERATE_KUBE_BUILTINS)
      fs.writeFileSync(KINDS_FILE, text);
    expect(JSON.parse(fs.readFileSync(KINDS_FILE, 'utf8'))).toEqual(derived);
  });

  it('matches the committed schemas.json', () => {
    const schemas = deriveSchemas(CLIENT_NODE, derived);
    if (process.env.EDP_REGENERATE_KUBE_BUILTINS)
      fs.writeFileSync(SCHEMAS_FILE, `${JSON.stringify(schemas)}\n`);
    expect(JSON.parse(fs.readFileSync(SCHEMAS_FILE, 'utf8'))).toEqual(schemas);
    const spec = schemas['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties.replicas).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    expect(
      schemas['io.k8s.api.core.v1.ResourceRequirements'].properties.limits
        .additionalProperties,
    ).toEqual({
      $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity',
    });
  });

  it('reads every stable kind of the release, RBAC, Ingress and Lease included', () => {
    const names = derived.map(k => `${k.group}/${k.version}/${k.kind}`);
    expect(names).toEqual(
      expect.arrayContaining([
        '/v1/PersistentVolumeClaim',
        '/v1/Event',
        'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
        'networking.k8s.io/v1/Ingress',
        'coordination.k8s.io/v1/Lease',
        'apps/v1/StatefulSet',
        'autoscaling/v2/HorizontalPodAutoscaler',
      ]),
    );
    expect(names.some(n => /alpha|beta/.test(n))).toBe(false);
    const deployment = derived.find(k => k.kind === 'Deployment')!;
    expect(deployment).toMatchObject({
      plural: 'deployments',
      namespaced: true,
      subresources: { scale: 'Scale', status: 'Deployment' },
    });
    expect(
      derived.find(k => k.kind === 'SelfSubjectAccessReview')?.verbs,
    ).toEqual(['create']);
  });
});
