import { loadSwaggerValidator } from './swaggerValidator';
import { specPath } from './specsDir';

describe('loadSwaggerValidator', () => {
  const forgejo = loadSwaggerValidator(specPath('forgejo-swagger-v1.json'));
  const argocd = loadSwaggerValidator(specPath('argocd-swagger.json'));

  it('accepts a Forgejo version body and rejects a misspelt field', () => {
    expect(
      forgejo.validateResponse({
        method: 'get',
        path: '/version',
        status: 200,
        body: { version: '12.0.0' },
      }),
    ).toEqual([]);
    const errors = forgejo.validateResponse({
      method: 'get',
      path: '/version',
      status: 200,
      body: { versio: '12' },
    });
    expect(errors.join()).toContain('"versio"');
  });

  it('reports wrong types with the JSON path', () => {
    const errors = forgejo.validateResponse({
      method: 'get',
      path: '/repos/{owner}/{repo}',
      status: 200,
      body: { id: 'one', name: 'x' },
    });
    expect(errors.join()).toContain('/id must be integer');
  });

  it('accepts null for optional fields, as Go encoders write them', () => {
    expect(
      forgejo.validateResponse({
        method: 'get',
        path: '/repos/{owner}/{repo}',
        status: 200,
        body: { id: 1, parent: null },
      }),
    ).toEqual([]);
  });

  it('validates ArgoCD application lists', () => {
    const ok = argocd.validateResponse({
      method: 'get',
      path: '/api/v1/applications',
      status: 200,
      body: {
        items: [
          { metadata: { name: 'a' }, status: { sync: { status: 'Synced' } } },
        ],
      },
    });
    expect(ok).toEqual([]);
    const bad = argocd.validateResponse({
      method: 'get',
      path: '/api/v1/applications',
      status: 200,
      body: { items: [{ metadata: { name: 7 } }] },
    });
    expect(bad.join()).toContain('/items/0/metadata/name must be string');
  });

  it('names an operation the spec does not have', () => {
    expect(() =>
      forgejo.validateResponse({
        method: 'get',
        path: '/nope',
        status: 200,
        body: {},
      }),
    ).toThrow(/no operation GET \/nope/);
  });
});
