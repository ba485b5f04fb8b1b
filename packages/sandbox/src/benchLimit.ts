/**
 * What a benchmark is measured against: the round trips to the stand-ins that the measured operation
 * cannot avoid, made directly by the benchmark and timed in the same run (same machine load, same
 * injected latency).
 * A benchmark prints its result as a ratio to this limit, so a reader sees how close it is.
 */
export interface BenchLimit {
  /** Median duration of the unavoidable round trips, ms. */
  ms: number;
  /** What they are, e.g. "list, then revision metadata: 2 sequential round trips". */
  what: string;
}

/** A limit computed from measured parts (e.g. round trips × rounds the client's concurrency needs). */
export function limitOf(ms: number, what: string): BenchLimit {
  return { ms, what };
}

/** "cold p50 146.0 ms = 1.38x the limit 105.6 ms (list, then metadata: 2 sequential round trips)" */
export function againstLimit(
  label: string,
  measuredMs: number,
  limit: BenchLimit,
): string {
  return `${label} ${measuredMs.toFixed(1)} ms = ${(
    measuredMs / limit.ms
  ).toFixed(2)}x the limit ${limit.ms.toFixed(1)} ms (${limit.what})`;
}
