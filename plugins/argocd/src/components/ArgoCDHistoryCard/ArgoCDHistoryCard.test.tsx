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
    <TestApiProvider
      apis={[
        [argocdApiRef, api],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
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

  it('offers no rollback without argocd.application.rollback', async () => {
    await renderCard({
      getHistory: jest.fn().mockResolvedValue(history),
      getRevisionMetadata: metadataFor,
    });
    await screen.findByText('message of rev-2');
    expect(screen.queryByRole('button', { name: /^Roll back/ })).toBeNull();
  });

  it('rolls back to an earlier deployment after a confirmation naming its revision and message', async () => {
    const rollback = jest.fn().mockResolvedValue({});
    const getHistory = jest
      .fn()
      .mockResolvedValue({ ...history, canRollback: true });
    await renderCard({
      getHistory,
      getRevisionMetadata: metadataFor,
      rollback,
    });
    await screen.findByText('message of rev-1');
    // The running deployment has nothing to roll back to.
    expect(
      screen.queryByRole('button', {
        name: /^Roll back payments-api-dev on alpha to rev-2/,
      }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Roll back payments-api-dev on alpha to rev-1',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Roll back payments-api-dev on alpha?');
    expect(dialog).toHaveTextContent('rev-1');
    expect(dialog).toHaveTextContent('message of rev-1');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    expect(rollback).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'inventory-service' },
      { instance: 'alpha', app: 'payments-api-dev', namespace: 'argocd' },
      { id: 1, revision: 'rev-1', disableAutomatedSync: false },
    );
  });

  it('keeps Roll back disabled for an automated app until automated sync is turned off in the dialog', async () => {
    const rollback = jest.fn().mockResolvedValue({});
    await renderCard({
      getHistory: jest
        .fn()
        .mockResolvedValue({ ...history, canRollback: true }),
      getRevisionMetadata: metadataFor,
      rollback,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back payments-api-prod on beta to prod-0',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('ArgoCD refuses a rollback');
    const confirm = within(dialog).getByRole('button', { name: 'Roll back' });
    expect(confirm).toBeDisabled();
    await userEvent.click(
      within(dialog).getByLabelText(
        'Turn off automated sync of payments-api-prod',
      ),
    );
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(rollback).toHaveBeenCalledWith(
      expect.anything(),
      { instance: 'beta', app: 'payments-api-prod', namespace: 'argocd' },
      { id: 0, revision: 'prod-0', disableAutomatedSync: true },
    );
  });

  it('shows why the backend refused a rollback, in the dialog', async () => {
    const refusal = Object.assign(new Error('Request failed with 409'), {
      cause: new Error('"payments-api-dev" syncs automatically'),
    });
    await renderCard({
      getHistory: jest
        .fn()
        .mockResolvedValue({ ...history, canRollback: true }),
      getRevisionMetadata: metadataFor,
      rollback: jest.fn().mockRejectedValue(refusal),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back payments-api-dev on alpha to rev-0',
      }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    expect(
      await within(dialog).findByText('"payments-api-dev" syncs automatically'),
    ).toBeInTheDocument();
  });
});
