import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/core-plugin-api';
import type { ArgoCDApi } from '../../api/ArgoCDApi';
import { argocdApiRef } from '../../api/ArgoCDApi';
import {
  entity,
  filledOverview,
  partialOverview,
} from '../../__fixtures__/overview';
import { ArgoCDOverviewCard } from './ArgoCDOverviewCard';

function renderCard(api: Partial<ArgoCDApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [argocdApiRef, api],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
      <EntityProvider entity={entity}>
        <ArgoCDOverviewCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ArgoCDOverviewCard', () => {
  it('shows one row per application with statuses, commit and ArgoCD links', async () => {
    await renderCard({
      getOverview: jest.fn().mockResolvedValue(filledOverview),
    });
    const beta = await screen.findByTestId('argocd-app-beta-inventory');
    // Three compact columns (not one per field), so the card reads in a narrow main column.
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Application', 'Status', 'Revision'],
    );
    expect(beta).toHaveTextContent('on beta · ns inventory · project default');
    // Drift at a glance: how many resources, and since when (the time carries the exact date).
    const drift = within(beta).getByTestId('argocd-drift');
    expect(drift).toHaveTextContent(/^2 resources drifted since .+ago$/);
    expect(drift.querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-15T14:55:00Z',
    );
    expect(
      within(screen.getByTestId('argocd-app-alpha-inventory')).queryByTestId(
        'argocd-drift',
      ),
    ).toBeNull();
    expect(within(beta).getByTitle('Sync: OutOfSync')).toHaveTextContent(
      'OutOfSync',
    );
    expect(within(beta).getByTitle('Health: Degraded')).toHaveTextContent(
      'Degraded',
    );
    expect(within(beta).getByText(/^synced /)).toHaveAttribute(
      'datetime',
      '2026-11-20T10:00:00Z',
    );
    expect(
      within(beta).getByRole('link', { name: /^inventory/ }),
    ).toHaveAttribute(
      'href',
      'https://beta.argocd.test/applications/argocd/inventory',
    );
    expect(
      within(beta).getByRole('link', { name: /^a1b2c3d/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/platform/inventory-service/commit/a1b2c3d4'),
    );
    // The user may not sync: no buttons at all.
    expect(
      screen.queryByRole('button', { name: /Sync/ }),
    ).not.toBeInTheDocument();
  });

  it('keeps healthy instances and shows the failed one as an error row, with actions when allowed', async () => {
    const runAction = jest.fn().mockResolvedValue({});
    const getOverview = jest.fn().mockResolvedValue(partialOverview);
    await renderCard({ getOverview, runAction });
    expect(
      await screen.findByTestId('argocd-app-alpha-inventory'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('argocd-app-beta-inventory')).toBeInTheDocument();
    expect(screen.getByTestId('argocd-error-gamma')).toHaveTextContent(
      'gamma: timed out — ArgoCD instance "gamma" did not answer within 3000 ms',
    );
    expect(screen.getAllByRole('columnheader')).toHaveLength(4); // + Actions
    await userEvent.click(
      screen.getByRole('button', { name: 'Sync inventory on beta' }),
    );
    expect(runAction).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'inventory-service' },
      'sync',
      { instance: 'beta', app: 'inventory', namespace: 'argocd' },
    );
    expect(getOverview).toHaveBeenCalledTimes(2); // reloaded after the sync
  });

  it('says so when no instance has a matching application', async () => {
    await renderCard({
      getOverview: jest.fn().mockResolvedValue({
        rows: [],
        canSync: false,
        fetchedAt: '2026-11-20T10:00:00Z',
      }),
    });
    expect(
      await screen.findByText('No ArgoCD applications'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when the request fails', async () => {
    await renderCard({
      getOverview: jest
        .fn()
        .mockRejectedValue(
          new Error('The argocd/app-selector annotation is bad'),
        ),
    });
    expect(
      (await screen.findAllByText(/The argocd\/app-selector annotation is bad/))
        .length,
    ).toBeGreaterThan(0);
  });
});
