import type { CompoundEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import type {
  ArgoCDApplicationHistory,
  ArgoCDDeployment,
  ArgoCDRevisionMetadataResult,
} from '@edp/plugin-argocd-common';
import { useState } from 'react';
import { argocdApiRef } from '../../api/ArgoCDApi';
import { Notice, useBackendAction } from '@edp/plugin-edp-react';

/** What the user is about to roll back, as the history row shows it. */
export interface RollbackTarget {
  app: Pick<
    ArgoCDApplicationHistory,
    'name' | 'instance' | 'namespace' | 'automatedSync'
  >;
  deployment: ArgoCDDeployment;
  meta?: ArgoCDRevisionMetadataResult;
}

/**
 * Confirms a rollback, naming the revision and its commit message. For an application that syncs
 * automatically, ArgoCD refuses rollbacks, so the dialog asks to turn automated sync off in the same
 * step and keeps Roll back disabled until the user agrees.
 */
export function RollbackDialog(props: {
  entityRef: CompoundEntityRef;
  target: RollbackTarget;
  onClose: () => void;
  onDone: (revision: string) => void;
}) {
  const { target } = props;
  const api = useApi(argocdApiRef);
  const alertApi = useApi(alertApiRef);
  const [disableAutoSync, setDisableAutoSync] = useState(false);
  const revision = target.deployment.revision ?? '';
  const message =
    target.meta?.ok && target.meta.message
      ? target.meta.message.split('\n')[0]
      : undefined;
  const blocked = target.app.automatedSync && !disableAutoSync;

  const {
    busy,
    error,
    run: confirm,
  } = useBackendAction(async () => {
    await api.rollback(
      props.entityRef,
      {
        instance: target.app.instance,
        app: target.app.name,
        namespace: target.app.namespace,
      },
      {
        id: target.deployment.id,
        revision,
        disableAutomatedSync: target.app.automatedSync && disableAutoSync,
      },
    );
    alertApi.post({
      message: `Rollback of ${target.app.name} on ${
        target.app.instance
      } to ${revision.slice(0, 7)} requested`,
      severity: 'success',
      display: 'transient',
    });
    props.onDone(revision);
  });

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="argocd-rollback-title"
    >
      <DialogTitle id="argocd-rollback-title">
        Roll back {target.app.name} on {target.app.instance}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          ArgoCD will deploy revision <code>{revision.slice(0, 12)}</code>{' '}
          (deployment {target.deployment.id})
          {message ? (
            <>
              : <q>{message}</q>
            </>
          ) : (
            '.'
          )}
        </DialogContentText>
        {target.app.automatedSync && (
          <>
            <Notice severity="warning">
              {target.app.name} syncs automatically: ArgoCD refuses a rollback
              while automated sync is on, since it would deploy git's revision
              again at once.
            </Notice>
            <FormControlLabel
              control={
                <Checkbox
                  checked={disableAutoSync}
                  onChange={e => setDisableAutoSync(e.target.checked)}
                  color="primary"
                />
              }
              label={`Turn off automated sync of ${target.app.name}`}
            />
          </>
        )}
        {error && <Notice severity="error">{error}</Notice>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={confirm}
          color="primary"
          variant="contained"
          disabled={busy || blocked}
        >
          {busy ? 'Rolling back…' : 'Roll back'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
