import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { Notice } from '@edp/plugin-edp-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ForgejoCiRuns,
  ForgejoCiSource,
  ForgejoDispatchResult,
} from '@edp/plugin-forgejo-common';
import { ForgejoErrorState } from '../ForgejoErrorState';
import { useForgejoData } from '../../hooks/useForgejoData';
import { RunsTable } from './RunsTable';
import { RunWorkflowDialog } from './RunWorkflowDialog';

const SOURCE: Record<ForgejoCiSource, string> = {
  runs: 'Forgejo Actions runs',
  tasks: 'Forgejo Actions tasks',
  statuses:
    'commit statuses of the default branch (this Forgejo has no Actions API)',
};

/** How often the card asks again while a run it started has not shown up yet, and for how long. */
export const DISPATCH_POLL_MS = 3000;
const DISPATCH_POLLS = 20;

/** A run the user started from the card, and the runs the card showed before it. */
interface Awaited {
  started: ForgejoDispatchResult;
  knownIds: number[];
  polls: number;
}

/** The run a dispatch created: by its id when Forgejo said it, else the first new run of that workflow. */
function arrivedRun(value: ForgejoCiRuns | undefined, awaited?: Awaited) {
  if (!value || !awaited) return undefined;
  const { runId, workflow } = awaited.started;
  return value.runs.find(r =>
    runId !== undefined
      ? r.id === runId
      : !awaited.knownIds.includes(r.id) && r.workflow === workflow,
  );
}

/**
 * Recent Forgejo Actions runs of the entity's repository. Users the policy lets start workflows
 * (forgejo.workflow.dispatch, said by the card's own answer) get a Run workflow button; after a run
 * is started the card asks again every few seconds until the run is listed.
 * @public
 */
export function ForgejoCiCard() {
  const { entity } = useEntity();
  const { loading, value, error, retry, refresh } = useForgejoData(
    (api, ref, options) => api.getCiRuns(ref, options),
  );
  const [dialogOpen, setDialogOpen] = useState(false);
  const [awaited, setAwaited] = useState<Awaited>();
  const arrived = arrivedRun(value, awaited);
  const polling = Boolean(
    awaited && !arrived && awaited.polls < DISPATCH_POLLS,
  );

  useEffect(() => {
    if (!polling || loading) return undefined;
    const timer = setTimeout(() => {
      setAwaited(a => a && { ...a, polls: a.polls + 1 });
      refresh();
    }, DISPATCH_POLL_MS);
    return () => clearTimeout(timer);
    // `refresh` is a new function on every render; `value` and `loading` say when a poll answered.
  }, [polling, loading, value]); // eslint-disable-line react-hooks/exhaustive-deps

  const onStarted = (started: ForgejoDispatchResult) => {
    setDialogOpen(false);
    setAwaited({
      started,
      knownIds: value?.runs.map(r => r.id) ?? [],
      polls: 0,
    });
    refresh();
  };

  let note;
  if (awaited) {
    const { workflow, ref, runNumber } = awaited.started;
    const run = runNumber !== undefined ? ` run #${runNumber}` : '';
    if (arrived) {
      note = (
        <Notice severity="success" data-testid="forgejo-dispatch-note">
          Started {workflow}
          {run} on {ref}; it is listed below.
        </Notice>
      );
    } else {
      note = (
        <Notice
          severity={polling ? 'success' : 'warning'}
          data-testid="forgejo-dispatch-note"
        >
          {polling
            ? `Started ${workflow}${run} on ${ref}; waiting for Forgejo to list it…`
            : `Started ${workflow}${run} on ${ref}, but Forgejo has not listed it yet; see All runs.`}
        </Notice>
      );
    }
  }

  return (
    <InfoCard
      title="Forgejo CI"
      subheader={value ? `From ${SOURCE[value.source]}` : undefined}
      deepLink={
        value ? { title: 'All runs', link: value.actionsUrl } : undefined
      }
      noPadding={Boolean(value?.runs.length) && !note}
      action={
        value?.canDispatch ? (
          <Button
            variant="outlined"
            size="small"
            color="primary"
            onClick={() => setDialogOpen(true)}
          >
            Run workflow
          </Button>
        ) : undefined
      }
    >
      <div data-testid="forgejo-ci-card">
        {note}
        {loading && !value && <Progress />}
        {error && <ForgejoErrorState error={error} onRetry={retry} />}
        {value && value.runs.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No CI runs yet.
          </Typography>
        )}
        {value && value.runs.length > 0 && <RunsTable runs={value.runs} />}
      </div>
      {dialogOpen && (
        <RunWorkflowDialog
          entityRef={getCompoundEntityRef(entity)}
          onClose={() => setDialogOpen(false)}
          onStarted={onStarted}
        />
      )}
    </InfoCard>
  );
}
