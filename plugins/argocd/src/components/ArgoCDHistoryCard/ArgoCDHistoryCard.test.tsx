import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ArgoCDApi } from '../../api/ArgoCDApi';
import { argocdApiRef } from '../../api/ArgoCDApi';
import type { ArgoCDRevisionRef } from '@edp/plugin-argocd-common';
import { entity, history } from '../../__fixtures__/overview';
import { ArgoCDHistoryCard } from './ArgoCDHistoryCard';

const metadataFor = jest.fn(async (_: unknown, refs: ArgoCDRevisionRef[]) => ({
  revisions: refs.map(r =>
    r.revision === 'prod-0'
      ? {
          ...r,
          ok: false as const,
          error: 'ArgoCD instance "beta" answered HTTP 500',
        }
      : {
          ...r,
          ok: true as const,
          author: `author of ${r.revision}`,
          message: `message of ${r.revision}\nbody`,
        },
  ),
}));

function renderCard(api: Partial<ArgoCDApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[argocdApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ArgoCDHistoryCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ArgoCDHistoryCard', () => {
  beforeEach(() => metadataFor.mockClear());

  it('lists every deployment newest first per app and loads metadata once for the page', async () => {
    await renderCard({
      getHistory: jest.fn().mockResolvedValue(history),
      getRevisionMetadata: metadataFor,
    });
    expect(await screen.findByText('message of rev-2')).toBeInTheDocument();
    const rows = screen.getAllByTestId('argocd-deployment');
    expect(rows.map(r => r.textContent?.slice(0, 30))).toHaveLength(5);
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Application', 'Deployment', 'Change'],
    );
    expect(rows[0]).toHaveTextContent('payments-api-dev');
    expect(rows[0]).toHaveTextContent('on alpha');
    expect(rows[0].querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-03T10:00:00Z',
    );
    expect(rows[0]).toHaveTextContent('author of rev-2');
    expect(rows[0]).toHaveTextContent('rev-2');
    expect(rows[2]).toHaveTextContent('rev-0');
    expect(rows[3]).toHaveTextContent('automated');
    expect(rows[4]).toHaveTextContent('metadata unavailable');
    expect(metadataFor).toHaveBeenCalledTimes(1);
    expect(metadataFor.mock.calls[0][1]).toHaveLength(5);
  });

  it('shows instances that failed beside the history of the others', async () => {
    await renderCard({
      getHistory: jest.fn().mockResolvedValue({
        ...history,
        errors: [
          {
            instance: 'gamma',
            reason: 'auth',
            message:
              'Authentication failed for ArgoCD instance "gamma" (HTTP 401)',
          },
        ],
      }),
      getRevisionMetadata: metadataFor,
    });
    expect(await screen.findByTestId('argocd-error-gamma')).toHaveTextContent(
      'authentication failed',
    );
    expect(screen.getAllByTestId('argocd-deployment')).toHaveLength(5);
  });

  it('says so when there is no history', async () => {
    await renderCard({
      getHistory: jest.fn().mockResolvedValue({ ...history, applications: [] }),
      getRevisionMetadata: metadataFor,
    });
    expect(await screen.findByText('No deployments')).toBeInTheDocument();
    expect(metadataFor).not.toHaveBeenCalled();
  });
});
