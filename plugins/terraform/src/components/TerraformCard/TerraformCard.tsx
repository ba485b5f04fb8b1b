import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  describeDrift,
  type TerraformDrift,
  type TerraformStateResponse,
} from '@edp/plugin-terraform-common';
import { formatTime, StatusChip, type StatusTone } from '@edp/plugin-edp-react';
import { useEntityState } from '../../hooks/useEntityState';

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

const DRIFT_TONES: Record<TerraformDrift['status'], StatusTone> = {
  'in-sync': 'ok',
  drifted: 'warning',
  error: 'error',
  unchecked: 'neutral',
};

/** What a hover over the chip says: the drifted addresses, or the error. */
function driftDetail(drift: TerraformDrift): string | undefined {
  if (drift.status === 'drifted') return drift.resources.join(', ');
  if (drift.status === 'error') return drift.message;
  return undefined;
}

function DriftChip({ drift }: { drift: TerraformDrift }) {
  return (
    <StatusChip
      status={`Drift: ${describeDrift(drift)}`}
      tone={DRIFT_TONES[drift.status]}
      title={driftDetail(drift)}
      data-testid="terraform-drift"
    />
  );
}

function StateView({ value }: { value: TerraformStateResponse }) {
  if (!value.exists) {
    return (
      <EmptyState
        missing="data"
        title="No Terraform state yet"
        description={`Nothing was applied at ${value.location}, or it was destroyed.`}
      />
    );
  }
  return (
    <>
      <Section title="Outputs">
        <Table size="small" aria-label="Terraform outputs">
          <TableBody>
            {value.outputs.map(o => (
              <TableRow key={o.name}>
                <TableCell>{o.name}</TableCell>
                <TableCell>
                  {o.sensitive ? (
                    <em>(sensitive value)</em>
                  ) : (
                    <code>
                      {typeof o.value === 'string'
                        ? o.value
                        : JSON.stringify(o.value)}
                    </code>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Resources">
        <Table size="small" aria-label="Terraform resources">
          <TableHead>
            <TableRow>
              <TableCell>Type</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>Provider</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.resources.map(r => (
              <TableRow key={r.address}>
                <TableCell>{r.type}</TableCell>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.provider.replace(/^.*?\//, '')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </>
  );
}

function RunsView({ value }: { value: TerraformStateResponse }) {
  if (value.runs.length === 0) return null;
  return (
    <Section title="Last runs">
      <Table size="small" aria-label="Terraform runs">
        <TableHead>
          <TableRow>
            <TableCell>Operation</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Task</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.runs.map(run => (
            <TableRow key={`${run.taskId}-${run.finishedAt}`}>
              <TableCell>{run.operation}</TableCell>
              <TableCell>
                {run.result}
                {run.summary
                  ? ` (${run.summary.add} added, ${run.summary.change} changed, ${run.summary.destroy} destroyed)`
                  : ''}
              </TableCell>
              <TableCell>{run.actor ?? 'unknown'}</TableCell>
              <TableCell>
                <time dateTime={run.finishedAt}>
                  {formatTime(run.finishedAt)}
                </time>
              </TableCell>
              <TableCell>
                <Link to={`/create/tasks/${encodeURIComponent(run.taskId)}`}>
                  task
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

/** Outputs, resources, last runs and drift of the entity's Terraform state. @public */
export function TerraformCard() {
  const { value, error, loading, refresh, api, entityRef } = useEntityState();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<Error>();

  const checkNow = async () => {
    setChecking(true);
    setCheckError(undefined);
    try {
      await api.checkDrift(entityRef);
      refresh();
    } catch (e) {
      setCheckError(e as Error);
    } finally {
      setChecking(false);
    }
  };

  let content;
  if (!value && loading) content = <Progress />;
  else if (!value && error) content = <ResponseErrorPanel error={error} />;
  else if (value) {
    content = (
      <>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <DriftChip drift={value.drift} />
          {'checkedAt' in value.drift ? (
            <Typography variant="caption">
              checked {formatTime(value.drift.checkedAt)}
            </Typography>
          ) : null}
          {value.canCheckDrift ? (
            <Button
              size="small"
              variant="outlined"
              disabled={checking}
              onClick={checkNow}
            >
              {checking ? 'Checking…' : 'Check drift now'}
            </Button>
          ) : null}
        </Box>
        {checkError ? <ResponseErrorPanel error={checkError} /> : null}
        <StateView value={value} />
        <RunsView value={value} />
      </>
    );
  }
  return (
    <InfoCard
      title="Terraform"
      subheader={value ? `State ${value.location}` : undefined}
    >
      {content}
    </InfoCard>
  );
}
