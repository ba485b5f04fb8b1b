import { http, HttpResponse, delay } from 'msw';

export const FORGEJO_BASE = 'http://forgejo.test';
const REPO = `${FORGEJO_BASE}/api/v1/repos/platform/payments-api`;

export const integrationsConfig = {
  integrations: {
    gitea: [
      { host: 'forgejo.test', baseUrl: FORGEJO_BASE, password: 'test-token' },
    ],
  },
};

/**
 * msw handlers for one seeded repository (platform/payments-api) that count every upstream call.
 * `latencyMs` delays every answer, to make concurrent requests overlap. `releases: 0` makes
 * `/releases/latest` a 404, `statuses: 0` gives the tip Forgejo's empty CombinedStatus (no
 * `repository`), `empty: true` makes `/commits` Forgejo's 409 for an empty repository.
 */
export function forgejoHandlers(
  options: {
    latencyMs?: number;
    releases?: number;
    statuses?: number;
    empty?: boolean;
  } = {},
) {
  const calls: string[] = [];
  // Round of each call: 1 + the highest round among the calls already answered when it started, so
  // calls made in parallel share a round and a call that needed an earlier answer starts a new one.
  const rounds: number[] = [];
  let answeredRound = 0;
  const releases = options.releases ?? 2;
  const repository = () => ({
    full_name: 'platform/payments-api',
    description: 'Takes payments for the shop.',
    html_url: `${FORGEJO_BASE}/platform/payments-api`,
    clone_url: `${FORGEJO_BASE}/platform/payments-api.git`,
    default_branch: 'main',
    topics: ['payments', 'go'],
    stars_count: 3,
    forks_count: 1,
    watchers_count: 2,
    open_issues_count: 4,
    open_pr_counter: 2,
    release_counter: releases,
    archived: false,
    mirror: false,
    private: true,
    empty: Boolean(options.empty),
  });
  const statuses = [
    {
      context: 'ci / build (push)',
      status: 'success',
      target_url: `${FORGEJO_BASE}/platform/payments-api/actions/runs/7`,
    },
    { context: 'ci / test (push)', status: 'success' },
  ].slice(0, options.statuses ?? 2);
  const notFound = (message: string) =>
    HttpResponse.json({ message, url: FORGEJO_BASE }, { status: 404 });
  const route = (
    path: string,
    body: () => unknown,
    headers: Record<string, string> = {},
  ) =>
    http.get(`${REPO}${path}`, async ({ request }) => {
      calls.push(
        new URL(request.url).pathname.replace(
          '/api/v1/repos/platform/payments-api',
          '',
        ) || '/',
      );
      const round = answeredRound + 1;
      rounds.push(round);
      if (options.latencyMs) await delay(options.latencyMs);
      answeredRound = Math.max(answeredRound, round);
      const value = body();
      if (value instanceof Response) return value;
      return HttpResponse.json(value as any, { headers });
    });
  const handlers = [
    route('', repository),
    route('/languages', () => ({ Go: 7500, Dockerfile: 500, Shell: 2000 })),
    route(
      '/commits',
      () =>
        options.empty
          ? HttpResponse.json(
              { message: 'Git Repository is empty.', url: FORGEJO_BASE },
              { status: 409 },
            )
          : [
              {
                sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
                html_url: `${FORGEJO_BASE}/platform/payments-api/commit/a1b2c3d4e5`,
                commit: {
                  message: 'Add refunds endpoint\n\nLonger text',
                  author: { name: 'Dana', date: '2026-11-20T10:00:00Z' },
                },
                author: { login: 'dana' },
              },
            ],
      { 'X-Total-Count': '42' },
    ),
    // Forgejo's handler: no status on the commit gives an empty CombinedStatus (repository null);
    // otherwise the statuses and the whole repository.
    route('/commits/:ref/status', () =>
      statuses.length === 0
        ? {
            state: '',
            sha: '',
            total_count: 0,
            statuses: null,
            repository: null,
            commit_url: '',
            url: '',
          }
        : {
            sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
            state: 'success',
            total_count: statuses.length,
            statuses,
            repository: repository(),
          },
    ),
    route('/releases/latest', () =>
      releases === 0
        ? notFound("The target couldn't be found.")
        : {
            name: 'v1.4.0',
            tag_name: 'v1.4.0',
            html_url: `${FORGEJO_BASE}/platform/payments-api/releases/tag/v1.4.0`,
            published_at: '2026-11-19T09:00:00Z',
          },
    ),
    route('/actions/runs', () => ({
      total_count: 2,
      workflow_runs: [
        {
          id: 8,
          run_number: 8,
          workflow_id: 'ci.yml',
          name: 'Add refunds endpoint',
          status: 'running',
          event: 'push',
          head_branch: 'main',
          head_sha: 'a1b2c3d4e5',
        },
        {
          id: 7,
          run_number: 7,
          workflow_id: 'ci.yml',
          name: 'Fix rounding',
          status: 'failure',
          event: 'pull_request',
          head_branch: 'fix/rounding',
          head_sha: 'ffeeddccbb',
          started: '2026-11-19T09:00:00Z',
          stopped: '2026-11-19T09:02:05Z',
        },
      ],
    })),
    route(
      '/pulls',
      () => [
        {
          number: 12,
          title: 'Support refunds',
          state: 'open',
          user: { login: 'dana' },
          head: { ref: 'feature/refunds' },
          base: { ref: 'main' },
          labels: [{ name: 'feature', color: '00aabb' }],
        },
      ],
      { 'X-Total-Count': '21' },
    ),
    route(
      '/issues',
      () => [
        {
          number: 3,
          title: 'Refund emails missing',
          state: 'open',
          user: { login: 'sam' },
          labels: [],
        },
      ],
      { 'X-Total-Count': '1' },
    ),
    route('/releases', () => [{ name: 'v1.4.0', tag_name: 'v1.4.0' }], {
      'X-Total-Count': '2',
    }),
  ];
  const resetCounts = () => {
    calls.length = 0;
    rounds.length = 0;
    answeredRound = 0;
  };
  return { handlers, calls, rounds, resetCounts };
}
