import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Progress } from '@backstage/core-components';
import {
  backendMessage,
  Notice,
  useBackendAction,
} from '@edp/plugin-edp-react';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ForgejoDispatchOptions,
  ForgejoDispatchResult,
} from '@edp/plugin-forgejo-common';
import { forgejoApiRef } from '../../api';
import { initialValues, WorkflowInputField } from './WorkflowInputField';

/**
 * Chooses a branch and a workflow that can be started by hand (read from the repository at that
 * branch, so the inputs are those that will run), fills in its inputs, and starts it. The backend
 * checks everything again and answers with the field to fix, shown here.
 */
export function RunWorkflowDialog(props: {
  entityRef: CompoundEntityRef;
  onClose: () => void;
  onStarted: (result: ForgejoDispatchResult) => void;
}) {
  const { entityRef, onClose, onStarted } = props;
  const api = useApi(forgejoApiRef);
  const [ref, setRef] = useState<string>();
  const [options, setOptions] = useState<ForgejoDispatchOptions>();
  const [workflowId, setWorkflowId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string>();

  // Loads the workflows of the chosen branch (the default branch first).
  useEffect(() => {
    let current = true;
    setLoadError(undefined);
    api.getDispatchOptions(entityRef, ref).then(
      loaded => {
        if (!current) return;
        setOptions(loaded);
        const first = loaded.workflows[0];
        const keep = loaded.workflows.find(w => w.id === workflowId);
        const chosen = keep ?? first;
        setWorkflowId(chosen?.id ?? '');
        setValues(chosen ? initialValues(chosen.inputs) : {});
      },
      e => current && setLoadError(backendMessage(e)),
    );
    return () => {
      current = false;
    };
    // Reload only when the branch changes; the chosen workflow is kept when the branch has it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, entityRef.kind, entityRef.namespace, entityRef.name, ref]);

  const workflow = options?.workflows.find(w => w.id === workflowId);
  const chooseWorkflow = (id: string) => {
    setWorkflowId(id);
    const next = options?.workflows.find(w => w.id === id);
    setValues(next ? initialValues(next.inputs) : {});
  };

  const submission = useBackendAction(async () => {
    if (!options || !workflow) return;
    const result = await api.dispatchWorkflow(entityRef, {
      workflow: workflow.id,
      ref: options.ref,
      inputs: values,
    });
    onStarted(result);
  });
  const { busy, run: submit } = submission;
  const error = loadError ?? submission.error;

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="forgejo-run-workflow-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="forgejo-run-workflow-title">Run workflow</DialogTitle>
      <DialogContent>
        {!options && !error && <Progress />}
        {options && (
          <>
            <TextField
              id="forgejo-run-ref"
              select
              label="Branch"
              value={options.ref}
              onChange={e => setRef(e.target.value)}
              fullWidth
              margin="dense"
              variant="outlined"
              disabled={busy}
            >
              {options.branches.map(b => (
                <MenuItem key={b} value={b}>
                  {b}
                </MenuItem>
              ))}
            </TextField>
            {options.workflows.length === 0 ? (
              <DialogContentText>
                No workflow on {options.ref} can be started by hand: add{' '}
                <code>on: workflow_dispatch</code> to one.
              </DialogContentText>
            ) : (
              <TextField
                id="forgejo-run-workflow"
                select
                label="Workflow"
                value={workflowId}
                onChange={e => chooseWorkflow(e.target.value)}
                fullWidth
                margin="dense"
                variant="outlined"
                disabled={busy}
              >
                {options.workflows.map(w => (
                  <MenuItem key={w.id} value={w.id}>
                    {w.name} ({w.id})
                  </MenuItem>
                ))}
              </TextField>
            )}
            {workflow?.inputs.map(input => (
              <WorkflowInputField
                key={`${workflow.id}/${input.name}`}
                input={input}
                value={values[input.name] ?? ''}
                onChange={v => setValues(s => ({ ...s, [input.name]: v }))}
                disabled={busy}
              />
            ))}
            {options.unreadable.map(u => (
              <Notice key={u.path} severity="warning">
                {u.path} could not be read: {u.message}
              </Notice>
            ))}
          </>
        )}
        {error && <Notice severity="error">{error}</Notice>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={submit}
          color="primary"
          variant="contained"
          disabled={busy || !workflow}
        >
          {busy ? 'Starting…' : 'Run workflow'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
