import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import type { ForgejoCiSource } from '@edp/plugin-forgejo-common';
import { ForgejoErrorState } from '../ForgejoErrorState';
import { useForgejoData } from '../common/useForgejoData';
import { RunsTable } from './RunsTable';

const SOURCE: Record<ForgejoCiSource, string> = {
  runs: 'Forgejo Actions runs',
  tasks: 'Forgejo Actions tasks',
  statuses:
    'commit statuses of the default branch (this Forgejo has no Actions API)',
};

/**
 * Recent Forgejo Actions runs of the entity's repository.
 * @public
 */
export function ForgejoCiCard() {
  const { loading, value, error, retry } = useForgejoData(
    (api, entity, options) => api.getCiRuns(entity, options),
  );
  return (
    <InfoCard
      title="Forgejo CI"
      subheader={value ? `From ${SOURCE[value.source]}` : undefined}
      deepLink={
        value ? { title: 'All runs', link: value.actionsUrl } : undefined
      }
      noPadding={Boolean(value?.runs.length)}
    >
      <div data-testid="forgejo-ci-card">
        {loading && <Progress />}
        {error && <ForgejoErrorState error={error} onRetry={retry} />}
        {value && value.runs.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No CI runs yet.
          </Typography>
        )}
        {value && value.runs.length > 0 && <RunsTable runs={value.runs} />}
      </div>
    </InfoCard>
  );
}
