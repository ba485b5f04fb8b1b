import { InfoCard, Progress } from '@backstage/core-components';
import { ForgejoErrorState } from '../ForgejoErrorState';
import { useForgejoData } from '../../hooks/useForgejoData';
import { OverviewBody } from './OverviewBody';

/**
 * Overview of the entity's Forgejo repository: counters, languages, latest commit with CI, latest release.
 * @public
 */
export function ForgejoOverviewCard() {
  const { loading, value, error, retry } = useForgejoData(
    (api, entity, options) => api.getOverview(entity, options),
  );
  return (
    <InfoCard
      title="Forgejo repository"
      subheader={value?.fullName}
      deepLink={
        value
          ? { title: 'Open in Forgejo', link: value.links.repository }
          : undefined
      }
    >
      <div data-testid="forgejo-overview-card">
        {loading && <Progress />}
        {error && <ForgejoErrorState error={error} onRetry={retry} />}
        {value && <OverviewBody overview={value} />}
      </div>
    </InfoCard>
  );
}
