import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FORGEJO_BASE, forgejoHandlers } from './__testUtils__/forgejoHandlers';
import {
  makeApp,
  overviewPath,
  passLocalRequests,
} from './__testUtils__/routerApp';

describe('forgejo router: failure states', () => {
  const server = setupServer(passLocalRequests());
  registerMswTestHooks(server);

  it.each([
    {
      upstream: 500,
      reply: () => HttpResponse.json({ message: 'boom' }, { status: 500 }),
      status: 503,
      name: 'ServiceUnavailableError',
      code: 'UPSTREAM_ERROR',
      retryable: true,
    },
    {
      upstream: 404,
      reply: () => HttpResponse.json({ message: 'not found' }, { status: 404 }),
      status: 404,
      name: 'NotFoundError',
      code: 'NOT_FOUND',
      retryable: false,
    },
    {
      upstream: 'garbage',
      reply: () => new HttpResponse('{not json', { status: 200 }),
      status: 503,
      name: 'ServiceUnavailableError',
      code: 'INVALID_RESPONSE',
      retryable: true,
    },
    {
      upstream: 429,
      reply: () => HttpResponse.json({}, { status: 429 }),
      status: 503,
      name: 'ServiceUnavailableError',
      code: 'RATE_LIMITED',
      retryable: true,
    },
  ])(
    'turns upstream $upstream into a Backstage $name carrying the $code problem',
    async ({ reply, status, name, code, retryable }) => {
      // The commit listing leads the overview (a 404 there is double-checked on the repository).
      server.use(
        http.get(`${FORGEJO_BASE}/api/v1/repos/platform/payments-api`, reply),
        http.get(
          `${FORGEJO_BASE}/api/v1/repos/platform/payments-api/commits`,
          reply,
        ),
        ...forgejoHandlers().handlers,
      );
      const res = await request(await makeApp()).get(overviewPath);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({
        name,
        code,
        host: 'forgejo.test',
        retryable,
      });
      expect(res.body.error.message).toMatch(/forgejo.test/);
      expect(res.body).not.toHaveProperty('problem');
    },
  );

  it('does not cache a failure: the next view asks Forgejo again', async () => {
    server.use(
      http.get(
        `${FORGEJO_BASE}/api/v1/repos/platform/payments-api/commits`,
        () => HttpResponse.json({}, { status: 503 }),
        { once: true },
      ),
      ...forgejoHandlers().handlers,
    );
    const app = await makeApp();
    expect((await request(app).get(overviewPath)).status).toBe(503);
    expect((await request(app).get(overviewPath)).status).toBe(200);
  });

  it('names the missing integrations.gitea host', async () => {
    const res = await request(await makeApp()).get(
      '/entity/component/default/elsewhere/overview',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      code: 'MISSING_INTEGRATION',
      host: 'code.other.org',
      configuredHosts: ['forgejo.test'],
    });
  });

  it('explains an entity without Forgejo annotations', async () => {
    const res = await request(await makeApp()).get(
      '/entity/component/default/plain/ci',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('NOT_CONFIGURED');
    expect(res.body.error.message).toMatch(/forgejo.org\/repo-slug/);
  });
});
