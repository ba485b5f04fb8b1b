/** Waiting that reports progress and stops on interrupt; used by time_sleep and sandbox_fail. */
import { abortableDelay, ResourceError, type ResourceContext } from './types';

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration such as "30s", "1m30s" or "500ms" into milliseconds. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map(p => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
}

/** Seconds between progress reports: 10 like Terraform, overridable for tests. */
function progressInterval(): number {
  const v = Number(process.env.SANDBOX_TF_PROGRESS_INTERVAL);
  return v > 0 ? v : 10;
}

/** Sleeps for `ms`, calling ctx.progress every interval; throws when interrupted. */
export async function sleepWithProgress(
  ms: number,
  ctx: ResourceContext,
): Promise<void> {
  const started = Date.now();
  const stepMs = progressInterval() * 1000;
  let next = stepMs;
  while (Date.now() - started < ms) {
    const left = ms - (Date.now() - started);
    const untilReport = next - (Date.now() - started);
    await abortableDelay(
      Math.max(0, Math.min(left, untilReport)),
      ctx.signal,
    ).catch(() => {
      throw new ResourceError(
        'Interrupted',
        `The wait was interrupted after ${Math.round(
          (Date.now() - started) / 1000,
        )}s; the resource was not created.`,
      );
    });
    if (Date.now() - started >= next && Date.now() - started < ms) {
      ctx.progress(Math.round((Date.now() - started) / 1000));
      next += stepMs;
    }
  }
}
