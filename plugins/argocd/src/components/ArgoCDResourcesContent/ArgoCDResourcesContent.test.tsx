import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ArgoCDApi } from '../../api/ArgoCDApi';
import { argocdApiRef } from '../../api/ArgoCDApi';
import { entity, partialOverview, app } from '../../__fixtures__/overview';
import {
  inventoryDiffs,
  inventoryResources,
} from '../../__fixtures__/resources';
import { ArgoCDResourcesContent } from './ArgoCDResourcesContent';

function renderTab(api: Partial<ArgoCDApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[argocdApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ArgoCDResourcesContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const overview = {
  ...partialOverview,
  rows: [
    app('alpha'),
    app('beta', { syncStatus: 'OutOfSync', healthStatus: 'Degraded' }),
    partialOverview.rows[2],
  ],
};

// material-table renders slowly on a shared two-core machine.
jest.setTimeout(30_000);

describe('ArgoCDResourcesContent', () => {
  it('lists applications with the broken one first and the failed instance beside them, loading no tree', async () => {
    const api = {
      getOverview: jest.fn().mockResolvedValue(overview),
      getResources: jest.fn(),
      getDiffs: jest.fn(),
    };
    await renderTab(api);
    const summaries = await screen.findAllByRole('button', {
      name: /^Resources of /,
    });
    expect(summaries.map(s => s.getAttribute('aria-label'))).toEqual([
      'Resources of inventory on beta',
      'Resources of inventory on alpha',
    ]);
    expect(
      screen.getByText(/ArgoCD instance gamma did not answer/),
    ).toBeInTheDocument();
    expect(api.getResources).not.toHaveBeenCalled();
  });

  it('shows the unhealthy Deployment with its message and events when opened, and its diff only on demand', async () => {
    const api = {
      getOverview: jest.fn().mockResolvedValue(overview),
      getResources: jest.fn().mockResolvedValue(inventoryResources),
      getDiffs: jest.fn().mockResolvedValue(inventoryDiffs),
    };
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Resources of inventory on beta',
      }),
    );
    const panel = screen.getByTestId('argocd-resources-beta-inventory');
    const firstRow = (await within(panel).findAllByRole('row'))[1];
    expect(firstRow).toHaveTextContent('Deployment');
    expect(firstRow).toHaveTextContent('Degraded');
    expect(firstRow).toHaveTextContent(
      'Deployment "inventory" exceeded its progress deadline',
    );
    expect(within(panel).getByText('↳ Pod')).toHaveAttribute(
      'title',
      'child of ReplicaSet/inventory-5f7b',
    );
    expect(within(panel).getByText('ProgressDeadlineExceeded')).toBeVisible();
    expect(api.getResources).toHaveBeenCalledTimes(1);
    expect(api.getResources).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'inventory-service' },
      { instance: 'beta', app: 'inventory', namespace: 'argocd' },
    );
    expect(api.getDiffs).not.toHaveBeenCalled();
    // Only OutOfSync resources offer a diff.
    expect(
      within(panel).getAllByRole('button', { name: /^Diff of / }),
    ).toHaveLength(1);

    await userEvent.click(
      within(panel).getByRole('button', {
        name: 'Diff of Deployment inventory',
      }),
    );
    const diff = await within(panel).findByTestId(
      'argocd-diff-Deployment-inventory',
    );
    expect(diff).toHaveTextContent('- "replicas": 3,');
    expect(diff).toHaveTextContent('+ "replicas": 1,');
    expect(api.getDiffs).toHaveBeenCalledTimes(1);
  });

  it('shows a failed part of the view beside the parts that loaded', async () => {
    const api = {
      getOverview: jest.fn().mockResolvedValue(overview),
      getResources: jest.fn().mockResolvedValue({
        ...inventoryResources,
        events: [],
        errors: [{ part: 'events', message: 'ArgoCD answered HTTP 500' }],
      }),
    };
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Resources of inventory on beta',
      }),
    );
    expect(
      await screen.findByText(
        /ArgoCD could not give the events of inventory on beta/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Deployment').length).toBeGreaterThan(0);
  });
});
