import { toApiApplication } from './query';
import { argocdSpec } from './testUtils';

describe('toApiApplication', () => {
  it("drops what ArgoCD's API never returns: apiVersion, kind and managedFields", () => {
    const stored = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'a',
        namespace: 'argocd',
        managedFields: [
          {
            manager: 'edp-stacks',
            operation: 'Apply',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:spec': {} },
          },
        ],
      },
      spec: { project: 'default', destination: { namespace: 'a' } },
    };
    const shown = toApiApplication(stored);
    expect(shown).toEqual({
      metadata: { name: 'a', namespace: 'argocd' },
      spec: stored.spec,
    });
    expect(
      argocdSpec.validateResponse({
        method: 'get',
        path: '/api/v1/applications/{name}',
        status: 200,
        body: shown,
      }),
    ).toEqual([]);
    expect(stored.metadata.managedFields).toHaveLength(1);
  });
});
