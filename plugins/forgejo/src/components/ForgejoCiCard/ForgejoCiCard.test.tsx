import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ForgejoApiError } from '../../api';
import { ciRuns } from '../../__fixtures__/payloads';
import { mockForgejoApi, withForgejo } from '../../__testUtils__/withForgejo';
import { ForgejoCiCard } from './ForgejoCiCard';

describe('ForgejoCiCard', () => {
  it('lists recent runs with status, workflow, event, ref, commit, duration and link', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest.fn().mockResolvedValue(ciRuns),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));

    expect(await screen.findAllByTestId('ci-run')).toHaveLength(2);
    expect(screen.getByText('From Forgejo Actions runs')).toBeInTheDocument();
    expect(screen.getByTestId('status-running')).toBeInTheDocument();
    expect(screen.getByTestId('status-success')).toBeInTheDocument();
    expect(screen.getByText('release.yml #7').closest('a')).toHaveAttribute(
      'href',
      ciRuns.runs[1].htmlUrl,
    );
    expect(screen.getByText('v1.4.0')).toBeInTheDocument();
    expect(screen.getByText('ffeeddccbb')).toBeInTheDocument();
    expect(screen.getByText('2m 05s')).toBeInTheDocument();
    expect(screen.getByText('Add refunds endpoint')).toBeInTheDocument();
  });

  it('says so when there are no runs', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest.fn().mockResolvedValue({ ...ciRuns, runs: [] }),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    expect(await screen.findByText('No CI runs yet.')).toBeInTheDocument();
  });

  it('shows a timeout readably and recovers on Retry', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest
        .fn()
        .mockRejectedValueOnce(
          new ForgejoApiError(504, {
            code: 'TIMEOUT',
            message:
              'Forgejo at 127.0.0.1:7101 did not answer within 10000 ms.',
            retryable: true,
          }),
        )
        .mockResolvedValueOnce(ciRuns),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    expect(
      await screen.findByText('Forgejo did not answer in time'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('ci-run')).toHaveLength(2);
  });
});
