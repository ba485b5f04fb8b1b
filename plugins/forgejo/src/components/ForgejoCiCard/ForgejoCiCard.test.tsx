import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backendError } from '../../__testUtils__/backendError';
import { ciRuns } from '../../__fixtures__/payloads';
import { mockForgejoApi, withForgejo } from '../../__testUtils__/withForgejo';
import { ForgejoCiCard } from './ForgejoCiCard';
import type { ForgejoDispatchOptions } from '@edp/plugin-forgejo-common';

const dispatchOptions: ForgejoDispatchOptions = {
  ref: 'main',
  defaultBranch: 'main',
  branches: ['main', 'release'],
  unreadable: [],
  workflows: [
    {
      id: 'build.yml',
      name: 'Build',
      path: '.forgejo/workflows/build.yml',
      inputs: [
        {
          name: 'environment',
          description: 'Where to deploy',
          type: 'choice',
          required: true,
          default: 'dev',
          options: ['dev', 'staging'],
        },
        { name: 'dry_run', type: 'boolean', required: false, default: 'false' },
        {
          name: 'notes',
          description: 'A note',
          type: 'string',
          required: false,
        },
      ],
    },
    {
      id: 'release.yml',
      name: 'Release',
      path: '.forgejo/workflows/release.yml',
      inputs: [],
    },
  ],
};

const newRun = {
  id: 9,
  runNumber: 9,
  workflow: 'build.yml',
  title: 'Build',
  status: 'waiting' as const,
  event: 'workflow_dispatch',
  ref: 'main',
};

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
          await backendError(503, {
            name: 'ServiceUnavailableError',
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

  it('shows no Run workflow button to a user the policy does not let dispatch', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest.fn().mockResolvedValue({ ...ciRuns, canDispatch: false }),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    expect(await screen.findAllByTestId('ci-run')).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: 'Run workflow' }),
    ).not.toBeInTheDocument();
    expect(api.getDispatchOptions).not.toHaveBeenCalled();
  });

  it('starts the chosen workflow with its inputs, then polls until the new run is listed', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest
        .fn()
        .mockResolvedValueOnce({ ...ciRuns, canDispatch: true })
        // Forgejo has not listed the run on the first poll, does on the second.
        .mockResolvedValueOnce({ ...ciRuns, canDispatch: true })
        .mockResolvedValue({
          ...ciRuns,
          runs: [newRun, ...ciRuns.runs],
          canDispatch: true,
        }),
      getDispatchOptions: jest.fn().mockResolvedValue(dispatchOptions),
      dispatchWorkflow: jest.fn().mockResolvedValue({
        workflow: 'build.yml',
        ref: 'main',
        runId: 9,
        runNumber: 9,
      }),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run workflow' }),
    );
    const dialog = await screen.findByRole('dialog');
    // The first workflow, with its inputs rendered by type and prefilled with the defaults.
    expect(
      await within(dialog).findByText('Where to deploy'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('dry_run')).not.toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /environment/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'staging' }),
    );
    await userEvent.click(within(dialog).getByLabelText('dry_run'));
    await userEvent.type(
      within(dialog).getByLabelText('notes'),
      'from the card',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run workflow' }),
    );

    expect(api.dispatchWorkflow).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      {
        workflow: 'build.yml',
        ref: 'main',
        inputs: {
          environment: 'staging',
          dry_run: 'true',
          notes: 'from the card',
        },
      },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      await screen.findByTestId('forgejo-dispatch-note'),
    ).toHaveTextContent('Started build.yml run #9 on main');
    // Polls (fresh, keeping the runs on screen) until run 9 is there.
    await waitFor(
      () => expect(screen.getAllByTestId('ci-run')).toHaveLength(3),
      { timeout: 8000 },
    );
    expect(screen.getByTestId('forgejo-dispatch-note')).toHaveTextContent(
      'it is listed below',
    );
    expect(api.getCiRuns).toHaveBeenCalledTimes(3);
    expect(api.getCiRuns.mock.calls[2][1]).toMatchObject({ fresh: true });
  }, 15_000);

  it("shows the backend's refusal in the dialog, naming the field", async () => {
    const api = mockForgejoApi({
      getCiRuns: jest.fn().mockResolvedValue({ ...ciRuns, canDispatch: true }),
      getDispatchOptions: jest.fn().mockResolvedValue(dispatchOptions),
      dispatchWorkflow: jest
        .fn()
        .mockRejectedValue(
          new Error(
            'inputs.environment is required by build.yml (Where to deploy)',
          ),
        ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run workflow' }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Where to deploy');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run workflow' }),
    );
    expect(
      await within(dialog).findByText(
        'inputs.environment is required by build.yml (Where to deploy)',
      ),
    ).toBeInTheDocument();
  });

  it('reads the workflows of another branch when the user picks it', async () => {
    const api = mockForgejoApi({
      getCiRuns: jest.fn().mockResolvedValue({ ...ciRuns, canDispatch: true }),
      getDispatchOptions: jest.fn().mockImplementation(async (_e, ref) =>
        ref === 'release'
          ? {
              ...dispatchOptions,
              ref: 'release',
              workflows: [dispatchOptions.workflows[1]],
            }
          : dispatchOptions,
      ),
    });
    await renderInTestApp(withForgejo(api, <ForgejoCiCard />));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run workflow' }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Where to deploy');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Branch/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'release' }),
    );
    expect(
      await within(dialog).findByText('Release (release.yml)'),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText('Where to deploy'),
    ).not.toBeInTheDocument();
    expect(api.getDispatchOptions).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      'release',
    );
  });
});
