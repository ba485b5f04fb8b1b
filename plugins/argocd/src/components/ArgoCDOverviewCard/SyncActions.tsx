import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { useState } from 'react';
import { backendMessage } from '@edp/plugin-edp-react';
import { argocdApiRef } from '../../api/ArgoCDApi';

/**
 * Refresh and Sync for one application. Only rendered when the backend said the user may sync;
 * the backend checks `argocd.application.sync` again on every click.
 */
export function SyncActions(props: {
  entityRef: CompoundEntityRef;
  instance: string;
  app: string;
  namespace?: string;
  onDone: () => void;
}) {
  const api = useApi(argocdApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<'sync' | 'refresh'>();

  const run = async (action: 'sync' | 'refresh') => {
    setBusy(action);
    try {
      await api.runAction(props.entityRef, action, {
        instance: props.instance,
        app: props.app,
        namespace: props.namespace,
      });
      alertApi.post({
        message: `${action === 'sync' ? 'Sync' : 'Refresh'} of ${
          props.app
        } on ${props.instance} requested`,
        severity: 'success',
        display: 'transient',
      });
      props.onDone();
    } catch (e) {
      // The backend's own message (e.g. the missing permission), not "Request failed with 403".
      const reason = backendMessage(e);
      alertApi.post({
        message: `Could not ${action} ${props.app}: ${reason}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ButtonGroup size="small" variant="outlined" disabled={busy !== undefined}>
      <Button
        onClick={() => run('refresh')}
        aria-label={`Refresh ${props.app} on ${props.instance}`}
      >
        {busy === 'refresh' ? 'Refreshing…' : 'Refresh'}
      </Button>
      <Button
        onClick={() => run('sync')}
        aria-label={`Sync ${props.app} on ${props.instance}`}
      >
        {busy === 'sync' ? 'Syncing…' : 'Sync'}
      </Button>
    </ButtonGroup>
  );
}
