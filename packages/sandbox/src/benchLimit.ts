/**
 * What a benchmark is measured against: the round trips to the stand-ins that the measured operation
 * cannot avoid, made directly and timed in the same run (same machine load, same injected latency).
 * A benchmark prints its result as a ratio to this limit, so a reader sees how close it is.
 */
export interface BenchLimit {
  /** Median duration of the unavoidable round trips, ms. */
  ms: number;
  /** What they are, e.g. "list, then revision metadata: 2 sequential round trips". */
  what: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/**
 * Times `roundTrips` (the requests the operation must make, in the order it must make them)
 * `samples` times after one warm-up, and returns the median as the limit.
 */
export async function measureLimit(
  what: string,
  roundTrips: () => Promise<unknown>,
  samples = 9,
): Promise<BenchLimit> {
  await roundTrips();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await roundTrips();
    times.push(performance.now() - started);
  }
  return { ms: median(times), what };
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
