import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

/** ArgoCD's health and sync codes with Backstage's status icons: red for broken, amber for drift. */
export function ArgoStatus(props: { status?: string }) {
  const { status } = props;
  switch (status) {
    case undefined:
      return <>—</>;
    case 'Healthy':
    case 'Synced':
      return <StatusOK>{status}</StatusOK>;
    case 'Degraded':
      return <StatusError>{status}</StatusError>;
    case 'Missing':
    case 'OutOfSync':
      return <StatusWarning>{status}</StatusWarning>;
    case 'Progressing':
      return <StatusRunning>{status}</StatusRunning>;
    case 'Suspended':
      return <StatusPending>{status}</StatusPending>;
    default:
      return <StatusAborted>{status}</StatusAborted>;
  }
}
