import { ResponseError } from '@backstage/errors';
import { backendMessage } from '../errors';
import { EntityBackendClient } from './EntityBackendClient';

class TestClient extends EntityBackendClient {
  read(path: string, query?: Record<string, string | undefined>) {
    return this.requestJson(
      { kind: 'Component', namespace: 'default', name: 'Payments API' },
      path,
      { query },
    );
  }
  post(body?: unknown) {
    return this.requestJson(
      { kind: 'Component', namespace: 'default', name: 'x' },
      '/act',
      { method: 'POST', body },
    );
  }
}

function client(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  const discoveryApi = {
    getBaseUrl: jest.fn().mockResolvedValue('http://backend/api/edp-test'),
  };
  return {
    fetch,
    discoveryApi,
    api: new TestClient('edp-test', { discoveryApi, fetchApi: { fetch } }),
  };
}

describe('EntityBackendClient', () => {
  it("calls the plugin's entity route, lower-cased and encoded, with the query's set values", async () => {
    const { api, fetch, discoveryApi } = client(
      new Response('{"ok":true}', { status: 200 }),
    );
    await expect(
      api.read('/overview', { page: '2', fresh: undefined }),
    ).resolves.toEqual({ ok: true });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('edp-test');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/edp-test/entity/component/default/payments%20api/overview?page=2',
      expect.objectContaining({ method: 'GET', body: undefined }),
    );
  });

  it('posts a body as JSON, and no body without one', async () => {
    const { api, fetch } = client(new Response('{}', { status: 202 }));
    await api.post({ a: 1 });
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    await api.post().catch(() => undefined);
    expect(fetch.mock.calls[1][1].body).toBeUndefined();
  });

  it("rejects a failure with a ResponseError whose backendMessage is the backend's own", async () => {
    const body = {
      error: { name: 'NotAllowedError', message: 'You may not sync x' },
      request: { method: 'POST', url: '/act' },
      response: { statusCode: 403 },
    };
    const { api } = client(
      new Response(JSON.stringify(body), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const error = (await api.post({}).catch(e => e)) as ResponseError;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.message).not.toMatch(/You may not sync/);
    expect(backendMessage(error)).toBe('You may not sync x');
  });
});
