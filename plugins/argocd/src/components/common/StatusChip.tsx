import { StatusChip as Chip, type StatusTone } from '@edp/plugin-edp-react';

const TONES: Record<string, StatusTone> = {
  Synced: 'ok',
  Healthy: 'ok',
  Succeeded: 'ok',
  OutOfSync: 'warning',
  Degraded: 'error',
  Missing: 'warning',
  Suspended: 'neutral',
  Progressing: 'progress',
  Running: 'progress',
  Terminating: 'progress',
  Failed: 'error',
  Error: 'error',
  Unknown: 'neutral',
};

/**
 * A chip for an ArgoCD sync, health or operation status, in the theme's colour for it. `kind`
 * ("Sync", "Health", …) goes into the tooltip with the optional detail, since several chips share
 * one cell.
 */
export function StatusChip(props: {
  status?: string;
  kind?: string;
  detail?: string;
}) {
  if (!props.status) return <>—</>;
  const title =
    [props.kind ? `${props.kind}: ${props.status}` : undefined, props.detail]
      .filter(Boolean)
      .join(' — ') || undefined;
  return (
    <Chip
      status={props.status}
      tone={TONES[props.status] ?? 'neutral'}
      title={title}
    />
  );
}
