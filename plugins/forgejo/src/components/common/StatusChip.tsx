import type {
  ForgejoCommitState,
  ForgejoRunStatus,
} from '@edp/plugin-forgejo-common';
import { StatusChip as Chip, type StatusTone } from '@edp/plugin-edp-react';

const TONE: Record<ForgejoCommitState | ForgejoRunStatus, StatusTone> = {
  success: 'ok',
  failure: 'error',
  error: 'error',
  cancelled: 'neutral',
  skipped: 'neutral',
  warning: 'warning',
  pending: 'progress',
  running: 'progress',
  waiting: 'progress',
  blocked: 'progress',
  unknown: 'neutral',
};

/** A commit or run status on a chip in the theme's colour for it. */
export function StatusChip(props: {
  status: ForgejoCommitState | ForgejoRunStatus;
}) {
  return (
    <Chip
      status={props.status}
      tone={TONE[props.status] ?? 'neutral'}
      data-testid={`status-${props.status}`}
    />
  );
}
