import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TerraformStateResponse } from '@edp/plugin-terraform-common';
import { terraformApiRef, type TerraformApi } from '../../api';
import { TerraformCard } from './TerraformCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'garden',
    namespace: 'default',
    annotations: {
      'edp.io/terraform-state':
        'kubernetes:sandbox/default/tfstate-default-garden',
    },
  },
};

const filled: TerraformStateResponse = {
  location: 'kubernetes:sandbox/default/tfstate-default-garden',
  exists: true,
  outputs: [
    { name: 'pet', sensitive: false, value: 'happy-otter' },
    { name: 'token', sensitive: true },
  ],
  resources: [
    {
      address: 'random_pet.name',
      type: 'random_pet',
      name: 'name',
      provider: 'registry.terraform.io/hashicorp/random',
      instances: 1,
    },
  ],
  runs: [
    {
      operation: 'apply',
      result: 'succeeded',
      actor: 'user:default/alice',
      startedAt: '2026-12-06T10:00:00Z',
      finishedAt: '2026-12-06T10:00:05Z',
      taskId: 'task-1',
      summary: { add: 3, change: 0, destroy: 0 },
    },
  ],
  drift: { status: 'in-sync', checkedAt: '2026-12-06T11:00:00Z' },
  canCheckDrift: false,
  fetchedAt: '2026-12-06T11:00:01Z',
};

function renderCard(api: Partial<TerraformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[terraformApiRef, api]]}>
      <EntityProvider entity={entity}>
        <TerraformCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const failure = async (status: number, message: string) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: message,
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );

describe('TerraformCard', () => {
  it('shows outputs with sensitive ones masked, resources, the run with its task link, and "in sync"', async () => {
    await renderCard({ getState: jest.fn().mockResolvedValue(filled) });
    expect(await screen.findByText('happy-otter')).toBeInTheDocument();
    expect(screen.getByText('(sensitive value)')).toBeInTheDocument();
    expect(screen.getByText('random_pet')).toBeInTheDocument();
    expect(screen.getByText('hashicorp/random')).toBeInTheDocument();
    expect(screen.getByText('user:default/alice')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'task' })).toHaveAttribute(
      'href',
      '/create/tasks/task-1',
    );
    expect(screen.getByTestId('terraform-drift')).toHaveTextContent(
      'Drift: in sync',
    );
    // Without terraform.drift.check there is no button.
    expect(screen.queryByRole('button', { name: /Check drift/ })).toBeNull();
  });

  it('checks drift on demand and shows the new result', async () => {
    const getState = jest
      .fn()
      .mockResolvedValueOnce({ ...filled, canCheckDrift: true })
      .mockResolvedValue({
        ...filled,
        canCheckDrift: true,
        drift: {
          status: 'drifted',
          checkedAt: '2026-12-06T12:00:00Z',
          resources: ['kubernetes_config_map_v1.settings'],
        },
      });
    const checkDrift = jest.fn().mockResolvedValue({});
    await renderCard({ getState, checkDrift });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check drift now' }),
    );
    expect(checkDrift).toHaveBeenCalled();
    expect(
      await screen.findByText('Drift: drifted: 1 resource'),
    ).toBeInTheDocument();
  });

  it('says so when nothing was applied yet', async () => {
    await renderCard({
      getState: jest.fn().mockResolvedValue({
        ...filled,
        exists: false,
        outputs: [],
        resources: [],
        runs: [],
      }),
    });
    expect(
      await screen.findByText('No Terraform state yet'),
    ).toBeInTheDocument();
  });

  it.each([
    [
      403,
      'You are not allowed to use terraform.state.read on resource:default/garden',
    ],
    [
      503,
      'The Kubernetes cluster "sandbox" that keeps this state did not answer',
    ],
    [404, 'No entity resource:default/garden (or it is not visible to you)'],
  ])('shows the backend’s %s readably', async (status, message) => {
    const error = await failure(status, message);
    await renderCard({ getState: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(new RegExp(message.slice(0, 30)))).length,
    ).toBeGreaterThan(0);
  });
});
