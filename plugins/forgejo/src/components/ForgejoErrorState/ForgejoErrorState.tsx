import type { ForgejoProblemCode } from '@edp/plugin-forgejo-common';
import { FailureState, type FailureSeverity } from '@edp/plugin-edp-react';
import { forgejoProblemOf, type ForgejoProblem } from '../../api';

const TITLES: Record<ForgejoProblemCode, string> = {
  NOT_CONFIGURED: 'No Forgejo repository for this entity',
  MISSING_INTEGRATION: 'Forgejo host is not configured',
  NOT_FOUND: 'Repository not found',
  EMPTY_REPOSITORY: 'The repository is empty',
  FORBIDDEN: 'You may not see this repository',
  UNAUTHORIZED: 'Access to Forgejo was refused',
  RATE_LIMITED: 'Forgejo is rate limiting requests',
  TIMEOUT: 'Forgejo did not answer in time',
  UPSTREAM_ERROR: 'Forgejo could not be read',
  INVALID_RESPONSE: 'Forgejo sent an unreadable answer',
  INVALID_REQUEST: 'The request was refused',
};

/** What the reader can do about each problem, beyond retrying. */
function hint(problem: ForgejoProblem): string | undefined {
  const { code, host, configuredHosts } = problem;
  switch (code) {
    case 'MISSING_INTEGRATION':
      return `Ask an administrator to add an integrations.gitea entry${
        host ? ` for host ${host}` : ''
      } to app-config${
        configuredHosts?.length
          ? ` (configured: ${configuredHosts.join(', ')})`
          : ''
      }.`;
    case 'NOT_CONFIGURED':
      return 'Add the forgejo.org/repo-slug annotation (owner/repo) to the entity, or a backstage.io/source-location on a configured Forgejo host.';
    case 'EMPTY_REPOSITORY':
      return 'Push a first commit and it will show up here.';
    case 'FORBIDDEN':
      return "A private repository is shown only to members of the entity's owner group and the platform's privileged groups. Ask its owners for access.";
    default:
      return undefined;
  }
}

/** Empty repositories are information, config problems warnings, the rest errors. */
function severityOf(problem: ForgejoProblem | undefined): FailureSeverity {
  if (problem?.code === 'EMPTY_REPOSITORY') return 'info';
  return problem?.retryable === false ? 'warning' : 'error';
}

/**
 * The readable state of a failed card: what happened, what to do, and a Retry button. Never blank.
 * @public
 */
export function ForgejoErrorState(props: {
  error: Error;
  onRetry: () => void;
}) {
  const problem = forgejoProblemOf(props.error);
  return (
    <FailureState
      data-testid="forgejo-error"
      title={problem ? TITLES[problem.code] : 'Forgejo could not be read'}
      message={problem?.message ?? props.error.message}
      hint={problem && hint(problem)}
      severity={severityOf(problem)}
      onRetry={props.onRetry}
    />
  );
}
