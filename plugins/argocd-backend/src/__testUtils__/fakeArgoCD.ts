import { delay, http, HttpResponse, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';

/** Supertest calls the test backend on loopback: let those through msw. */
export const loopbackPassthrough = http.all(
  /^http:\/\/(127\.0\.0\.1|localhost|\[::1?\])(:\d+)?\//,
  () => passthrough(),
);

/** Seeded application of the fake, close to what ArgoCD returns with the card projection. */
export function fakeApp(
  name: string,
  options: {
    labels?: Record<string, string>;
    namespace?: string;
    history?: number;
  } = {},
) {
  const history = Array.from({ length: options.history ?? 3 }, (_, i) => ({
    id: i,
    revision: `${String(i).padStart(2, '0')}${'ab'.repeat(19)}`,
    deployedAt: `2026-11-0${Math.min(i + 1, 9)}T10:00:00Z`,
    source: { repoURL: 'http://127.0.0.1:7101/platform/payments-api.git' },
  }));
  return {
    metadata: {
      name,
      namespace: options.namespace ?? 'argocd',
      labels: options.labels ?? {},
    },
    spec: {
      project: 'default',
      source: {
        repoURL: 'http://127.0.0.1:7101/platform/payments-api.git',
        targetRevision: 'main',
      },
      destination: { namespace: name },
    },
    status: {
      sync: {
        status: 'Synced',
        revision: history[history.length - 1]?.revision,
      },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        finishedAt: '2026-11-09T10:00:00Z',
      },
      history,
    },
  };
}

export type FakeApp = ReturnType<typeof fakeApp>;

/** Options of one fake instance. */
export interface FakeInstanceOptions {
  apps: FakeApp[];
  /** Password expected at login; a static-token instance when absent. */
  password?: string;
  hang?: boolean;
}

/** Counters a test can assert on. */
export interface FakeInstanceState {
  logins: number;
  lists: number;
  metadata: number;
  syncs: string[];
  sessions: Set<string>;
}

/**
 * A fake ArgoCD instance on https://<name>.argocd.test: session login, applications list with
 * `name`/`selector` (equality only) filters, revision metadata and sync.
 */
export function fakeArgoCD(
  server: SetupServer,
  name: string,
  options: FakeInstanceOptions,
): FakeInstanceState {
  const base = `https://${name}.argocd.test`;
  const state: FakeInstanceState = {
    logins: 0,
    lists: 0,
    metadata: 0,
    syncs: [],
    sessions: new Set(),
  };
  const authorized = (request: Request) => {
    const token =
      request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    return state.sessions.has(token) || token === `${name}-static-token`;
  };
  const unauthorized = () =>
    HttpResponse.json(
      { code: 16, message: 'no session information' },
      { status: 401 },
    );
  server.use(
    http.post(`${base}/api/v1/session`, async ({ request }) => {
      const body = (await request.json()) as { password?: string };
      if (body.password !== options.password) return unauthorized();
      state.logins += 1;
      const token = `${name}-session-${state.logins}`;
      state.sessions.add(token);
      return HttpResponse.json({ token });
    }),
    http.get(`${base}/api/v1/applications`, async ({ request }) => {
      if (options.hang) await delay('infinite');
      if (!authorized(request)) return unauthorized();
      state.lists += 1;
      const params = new URL(request.url).searchParams;
      const [key, value] = (params.get('selector') ?? '').split('=');
      const items = options.apps.filter(
        app =>
          (!params.get('name') || app.metadata.name === params.get('name')) &&
          (!key || app.metadata.labels[key] === value),
      );
      return HttpResponse.json({ items });
    }),
    http.get(
      `${base}/api/v1/applications/:app/revisions/:revision/metadata`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        state.metadata += 1;
        return HttpResponse.json({
          author: 'Dev <dev@example.com>',
          date: '2026-11-01T09:00:00Z',
          message: `commit ${params.revision}`,
        });
      },
    ),
    http.post(
      `${base}/api/v1/applications/:app/sync`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        state.syncs.push(String(params.app));
        return HttpResponse.json({
          metadata: { name: params.app },
          status: { operationState: { phase: 'Running' } },
        });
      },
    ),
  );
  return state;
}
