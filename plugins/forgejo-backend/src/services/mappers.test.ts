import {
  fromActionRun,
  fromActionTask,
  fromCombinedStatus,
  toLanguageShares,
  toPullRequest,
  toRunStatus,
} from './mappers';

const ACTIONS = 'http://forgejo.test/platform/app/actions';

describe('mappers', () => {
  it('reads Forgejo run durations given in nanoseconds', () => {
    const run = fromActionRun(
      { id: 1, run_number: 4, status: 'success', duration: 60_000_000_000 },
      ACTIONS,
    );
    expect(run.durationSeconds).toBe(60);
    expect(run.htmlUrl).toBe(`${ACTIONS}/runs/4`);
  });

  it('ignores Go zero times and keeps web links only', () => {
    const run = fromActionRun(
      {
        id: 2,
        status: 'waiting',
        started: '0001-01-01T00:00:00Z',
        stopped: '0001-01-01T00:00:00Z',
        url: 'http://forgejo.test/api/v1/repos/platform/app/actions/runs/2',
      },
      ACTIONS,
    );
    expect(run.startedAt).toBeUndefined();
    expect(run.durationSeconds).toBeUndefined();
    expect(run.htmlUrl).toBeUndefined();
  });

  it('computes a finished task duration from its start and last update', () => {
    const task = fromActionTask(
      {
        id: 3,
        status: 'failure',
        run_started_at: '2026-01-01T10:00:00Z',
        updated_at: '2026-01-01T10:01:30Z',
        url: `${ACTIONS}/runs/3/jobs/0`,
      },
      ACTIONS,
    );
    expect(task).toMatchObject({
      status: 'failure',
      durationSeconds: 90,
      htmlUrl: `${ACTIONS}/runs/3/jobs/0`,
    });
  });

  it('turns commit statuses into rows when the server has no Actions API', () => {
    const rows = fromCombinedStatus(
      {
        sha: 'abc',
        statuses: [
          { context: 'jenkins', status: 'error' },
          { context: 'lint', status: 'pending' },
        ],
      },
      'main',
    );
    expect(rows.map(r => [r.workflow, r.status, r.ref])).toEqual([
      ['jenkins', 'failure', 'main'],
      ['lint', 'waiting', 'main'],
    ]);
  });

  it.each([
    ['success', 'success'],
    ['in_progress', 'running'],
    ['queued', 'waiting'],
    ['weird', 'unknown'],
    [undefined, 'unknown'],
  ])('maps run status %s to %s', (input, output) => {
    expect(toRunStatus(input)).toBe(output);
  });

  it('sorts languages by size with percentages', () => {
    expect(toLanguageShares({ Shell: 1, Go: 3, Empty: 0 })).toEqual([
      { name: 'Go', bytes: 3, percent: 75 },
      { name: 'Shell', bytes: 1, percent: 25 },
    ]);
  });

  it('drops links that are not http(s)', () => {
    expect(
      toPullRequest({
        number: 1,
        html_url: 'data:text/html,<script>alert(1)</script>',
      }).htmlUrl,
    ).toBeUndefined();
    expect(
      toPullRequest({ number: 1, html_url: 'https://f.test/a/b/pulls/1' })
        .htmlUrl,
    ).toBe('https://f.test/a/b/pulls/1');
  });

  it('marks merged pull requests', () => {
    expect(
      toPullRequest({ number: 1, state: 'closed', merged: true }).state,
    ).toBe('merged');
  });
});
