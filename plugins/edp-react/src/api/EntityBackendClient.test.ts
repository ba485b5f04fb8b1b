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

/** What the client sent, and what the fake backend answers next. */
const sent: Array<{ url: string; init: RequestInit }> = [];
let answer: Response;
const api = new TestClient('edp-test', {
  discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
  fetchApi: {
    fetch: async (input, init) => {
      sent.push({ url: String(input), init: init ?? {} });
      return answer;
    },
  },
});

describe('EntityBackendClient', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it("calls the plugin's entity route, lower-cased and encoded, with the query's set values", async () => {
    answer = new Response('{"ok":true}', { status: 200 });
    await expect(
      api.read('/overview', { page: '2', fresh: undefined }),
    ).resolves.toEqual({ ok: true });
    expect(sent).toEqual([
      {
        url: 'http://backend/api/edp-test/entity/component/default/payments%20api/overview?page=2',
        init: expect.objectContaining({ method: 'GET', body: undefined }),
      },
    ]);
  });

  it('posts a body as JSON, and no body without one', async () => {
    answer = new Response('{}', { status: 202 });
    await api.post({ a: 1 });
    expect(sent[0].init).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    answer = new Response('{}', { status: 202 });
    await api.post();
    expect(sent[1].init.body).toBeUndefined();
  });

  it("rejects a failure with a ResponseError whose backendMessage is the backend's own", async () => {
    const body = {
      error: { name: 'NotAllowedError', message: 'You may not sync x' },
      request: { method: 'POST', url: '/act' },
      response: { statusCode: 403 },
    };
    answer = new Response(JSON.stringify(body), {
      status: 403,
      headers: { 'content-type': 'application/json' },
    });
    const error = (await api.post({}).catch(e => e)) as ResponseError;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.message).not.toMatch(/You may not sync/);
    expect(backendMessage(error)).toBe('You may not sync x');
  });
});
