import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backendError } from '../../__testUtils__/backendError';
import { overview } from '../../__fixtures__/payloads';
import { mockForgejoApi, withForgejo } from '../../__testUtils__/withForgejo';
import { ForgejoOverviewCard } from './ForgejoOverviewCard';

describe('ForgejoOverviewCard', () => {
  it('shows the repository at a glance', async () => {
    const api = mockForgejoApi({
      getOverview: jest.fn().mockResolvedValue(overview),
    });
    await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));

    expect(
      await screen.findByText('Takes payments for the shop.'),
    ).toBeInTheDocument();
    expect(screen.getByText('platform/payments-api')).toBeInTheDocument();
    expect(screen.getByText('Private')).toBeInTheDocument();
    expect(screen.getByText('Archived')).toBeInTheDocument();
    expect(screen.queryByText('Mirror')).not.toBeInTheDocument();
    expect(screen.getByText('payments')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('stat-open-pull-requests')).getByText('2'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('stat-open-issues')).getByText('4'),
    ).toBeInTheDocument();
    expect(screen.getByText('v1.4.0').closest('a')).toHaveAttribute(
      'href',
      overview.latestRelease!.htmlUrl,
    );
    expect(screen.getByText('Go 75%')).toBeInTheDocument();
    expect(screen.getByText('Add refunds endpoint')).toBeInTheDocument();
    expect(screen.getByTestId('status-failure')).toBeInTheDocument();
    expect(screen.getByText(/1\/2 checks passed/)).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getOverview.mock.calls[0][0]).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
  });

  it('explains a repository the user may not see (403), without any of its data', async () => {
    const api = mockForgejoApi({
      getOverview: jest.fn().mockRejectedValue(
        await backendError(403, {
          name: 'NotAllowedError',
          code: 'FORBIDDEN',
          message:
            'You may not see the Forgejo repository of component:default/recommender',
          retryable: false,
        }),
      ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));

    expect(
      await screen.findByText('You may not see this repository'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/component:default\/recommender/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Ask its owners for access/)).toBeInTheDocument();
    expect(screen.queryByTestId('stat-open-issues')).not.toBeInTheDocument();
    expect(screen.queryByText('platform/payments-api')).not.toBeInTheDocument();
  });

  it('says an empty repository has no commits', async () => {
    const api = mockForgejoApi({
      getOverview: jest.fn().mockResolvedValue({
        ...overview,
        empty: true,
        latestCommit: undefined,
        languages: [],
      }),
    });
    await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));
    expect(await screen.findByText(/No commits yet/)).toBeInTheDocument();
  });

  it('names the missing integrations.gitea host and retries with fresh data', async () => {
    const error = await backendError(400, {
      name: 'InputError',
      code: 'MISSING_INTEGRATION',
      message: 'No integrations.gitea entry for host "git.other.org".',
      host: 'git.other.org',
      configuredHosts: ['127.0.0.1:7101'],
      retryable: false,
    });
    const api = mockForgejoApi({
      getOverview: jest
        .fn()
        .mockRejectedValueOnce(error)
        .mockResolvedValueOnce(overview),
    });
    await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));

    expect(
      await screen.findByText('Forgejo host is not configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /add an integrations.gitea entry for host git.other.org/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Takes payments for the shop.'),
    ).toBeInTheDocument();
    expect(api.getOverview.mock.calls[1][1]).toMatchObject({ fresh: true });
  });

  /** How the backend answers each code (Backstage's error names and statuses). */
  const ANSWER = {
    NOT_FOUND: { status: 404, name: 'NotFoundError' },
    EMPTY_REPOSITORY: { status: 409, name: 'ConflictError' },
    TIMEOUT: { status: 503, name: 'ServiceUnavailableError' },
    UPSTREAM_ERROR: { status: 503, name: 'ServiceUnavailableError' },
  };

  it.each([
    ['NOT_FOUND', 'Repository not found'],
    ['EMPTY_REPOSITORY', 'The repository is empty'],
    ['TIMEOUT', 'Forgejo did not answer in time'],
    ['UPSTREAM_ERROR', 'Forgejo could not be read'],
  ] as const)(
    'renders %s readably with a Retry button',
    async (code, title) => {
      const api = mockForgejoApi({
        getOverview: jest.fn().mockRejectedValue(
          await backendError(ANSWER[code].status, {
            name: ANSWER[code].name,
            code,
            message: `upstream said ${code}`,
            retryable: true,
          }),
        ),
      });
      await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));
      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(screen.getByText(`upstream said ${code}`)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    },
  );

  it('renders a plain network error too', async () => {
    const api = mockForgejoApi({
      getOverview: jest.fn().mockRejectedValue(new Error('Failed to fetch')),
    });
    await renderInTestApp(withForgejo(api, <ForgejoOverviewCard />));
    expect(await screen.findByText('Failed to fetch')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
