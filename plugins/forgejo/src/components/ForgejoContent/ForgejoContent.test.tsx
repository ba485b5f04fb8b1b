import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backendError } from '../../__testUtils__/backendError';
import { mockForgejoApi, withForgejo } from '../../__testUtils__/withForgejo';
import { ForgejoContent } from './ForgejoContent';

const pullsPage = (page: number) => ({
  items: [
    {
      number: page * 10,
      title: `PR on page ${page}`,
      state: 'open',
      draft: page === 1,
      labels: [{ name: 'feature', color: '00aabb' }],
      headRef: 'feature/x',
      baseRef: 'main',
    },
  ],
  page,
  pageSize: 20,
  totalCount: 25,
  hasMore: page < 2,
  htmlUrl: 'http://127.0.0.1:7101/platform/payments-api/pulls',
});

describe('ForgejoContent', () => {
  it('pages through pull requests, one request per page', async () => {
    const api = mockForgejoApi({
      getList: jest
        .fn()
        .mockImplementation(async (_e, _k, page) => pullsPage(page)),
    });
    await renderInTestApp(withForgejo(api, <ForgejoContent />));

    expect(await screen.findByText('PR on page 1')).toBeInTheDocument();
    expect(screen.getByText('Draft')).toBeInTheDocument();
    expect(screen.getByText(/Page 1 of 2/)).toBeInTheDocument();
    expect(screen.getByText('feature/x → main')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('PR on page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(api.getList.mock.calls.map(c => [c[1], c[2]])).toEqual([
      ['pulls', 1],
      ['pulls', 2],
    ]);
  });

  it('loads another list only when its tab is opened', async () => {
    const api = mockForgejoApi({
      getList: jest.fn().mockImplementation(async (_e, kind, page) =>
        kind === 'commits'
          ? {
              items: [
                {
                  sha: 'abc',
                  shortSha: 'abc1234567',
                  title: 'Initial commit',
                  authorName: 'Dana',
                },
              ],
              page,
              pageSize: 20,
              totalCount: 1,
              hasMore: false,
              htmlUrl: 'x',
            }
          : pullsPage(page),
      ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoContent />));
    await screen.findByText('PR on page 1');
    await userEvent.click(screen.getByRole('tab', { name: 'Commits' }));
    expect(await screen.findByText('Initial commit')).toBeInTheDocument();
    expect(api.getList.mock.calls.map(c => c[1])).toEqual(['pulls', 'commits']);
  });

  it('shows an upstream failure of a list with Retry', async () => {
    const api = mockForgejoApi({
      getList: jest.fn().mockRejectedValue(
        await backendError(503, {
          name: 'ServiceUnavailableError',
          code: 'INVALID_RESPONSE',
          message: 'not JSON',
          retryable: true,
        }),
      ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoContent />));
    expect(
      await screen.findByText('Forgejo sent an unreadable answer'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('explains a repository the user may not see (403) on the tab too', async () => {
    const api = mockForgejoApi({
      getList: jest.fn().mockRejectedValue(
        await backendError(403, {
          name: 'NotAllowedError',
          code: 'FORBIDDEN',
          message: 'You may not see the Forgejo repository',
          retryable: false,
        }),
      ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoContent />));
    expect(
      await screen.findByText('You may not see this repository'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Ask its owners for access/)).toBeInTheDocument();
    expect(screen.queryByText(/Page 1 of/)).not.toBeInTheDocument();
  });
});
