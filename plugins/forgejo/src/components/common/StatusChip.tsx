import Chip from '@material-ui/core/Chip';
import type {
  ForgejoCommitState,
  ForgejoRunStatus,
} from '@edp/plugin-forgejo-common';

type Tone = 'ok' | 'bad' | 'busy' | 'neutral';

const TONE: Record<ForgejoCommitState | ForgejoRunStatus, Tone> = {
  success: 'ok',
  failure: 'bad',
  error: 'bad',
  cancelled: 'neutral',
  skipped: 'neutral',
  warning: 'busy',
  pending: 'busy',
  running: 'busy',
  waiting: 'busy',
  blocked: 'busy',
  unknown: 'neutral',
};

const COLORS: Record<Tone, string> = {
  ok: '#2e7d32',
  bad: '#c62828',
  busy: '#ef6c00',
  neutral: '#616161',
};

/** A status word on a coloured chip; the word is always shown so colour is never the only signal. */
export function StatusChip(props: {
  status: ForgejoCommitState | ForgejoRunStatus;
}) {
  const color = COLORS[TONE[props.status] ?? 'neutral'];
  return (
    <Chip
      size="small"
      label={props.status}
      style={{ backgroundColor: color, color: '#fff', margin: 0 }}
      data-testid={`status-${props.status}`}
    />
  );
}
