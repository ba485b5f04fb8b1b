import { ArgoCDBackendClient } from './ArgoCDBackendClient';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

function client(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  const discoveryApi = {
    getBaseUrl: jest.fn().mockResolvedValue('http://backend/api/edp-argocd'),
  };
  return {
    fetch,
    api: new ArgoCDBackendClient({ discoveryApi, fetchApi: { fetch } }),
  };
}

describe('ArgoCDBackendClient', () => {
  it('asks the edp-argocd backend for the entity overview', async () => {
    const { api, fetch } = client(
      new Response(JSON.stringify({ rows: [], canSync: false }), {
        status: 200,
      }),
    );
    await expect(api.getOverview(entity)).resolves.toEqual({
      rows: [],
      canSync: false,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/edp-argocd/entity/component/default/payments-api/overview',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('posts sync for an application in a namespace, with names encoded', async () => {
    const { api, fetch } = client(new Response('{}', { status: 202 }));
    await api.runAction(entity, 'sync', {
      instance: 'prod eu',
      app: 'web/shop',
      namespace: 'team-a',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/edp-argocd/entity/component/default/payments-api/applications/prod%20eu/web%2Fshop/sync?namespace=team-a',
    );
    expect(fetch.mock.calls[0][1].method).toBe('POST');
  });

  it('turns a refusal into an error carrying the backend message', async () => {
    const body = {
      error: {
        name: 'NotAllowedError',
        message: 'You are not allowed to sync',
      },
      response: { statusCode: 403 },
    };
    const { api } = client(
      new Response(JSON.stringify(body), {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      }),
    );
    const error = await api
      .runAction(entity, 'sync', { instance: 'a', app: 'b' })
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.response.status).toBe(403);
    expect(error.cause.message).toBe('You are not allowed to sync');
  });
});
