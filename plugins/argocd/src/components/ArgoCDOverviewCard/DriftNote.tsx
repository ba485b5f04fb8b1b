import { StatusWarning } from '@backstage/core-components';
import type { ArgoCDDrift } from '@edp/plugin-argocd-common';
import { RelativeTime } from '../common/RelativeTime';

/**
 * "2 resources drifted since 3 days ago": how many resources differ from git, and since the end of
 * the last deployment (when the application last matched git; ArgoCD records no later time).
 */
export function DriftNote(props: { drift: ArgoCDDrift }) {
  const { outOfSyncResources, since } = props.drift;
  return (
    <div data-testid="argocd-drift">
      <StatusWarning>
        {outOfSyncResources} resource{outOfSyncResources === 1 ? '' : 's'}{' '}
        drifted
        {since && (
          <>
            {' '}
            since <RelativeTime iso={since} />
          </>
        )}
      </StatusWarning>
    </div>
  );
}
