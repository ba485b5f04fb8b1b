import { relativeTime } from '@edp/plugin-edp-react';

/** "3 days ago"; empty for a missing or unreadable date. */
export function formatAge(iso: string | undefined, now = Date.now()): string {
  return relativeTime(iso, now) ?? '';
}

/** "2m 05s", "1h 02m", "45s"; an en dash when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
