// Small measuring tools for the bridge benchmark: percentiles, a peak-RSS sampler, a bounded concurrent loop.

/** The p-th percentile (0–100) of the values, nearest rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** Samples `read()` every `intervalMs` and keeps the highest value. */
export class PeakSampler {
  peak = 0;
  samples = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(read: () => number, intervalMs: number) {
    const sample = () => {
      this.peak = Math.max(this.peak, read());
      this.samples += 1;
    };
    sample();
    this.#timer = setInterval(sample, intervalMs);
  }

  stop(): number {
    clearInterval(this.#timer);
    return this.peak;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `task(index)` with `concurrency` in flight until `seconds` have passed; resolves to how many completed and
 * each one's duration in ms. Errors are counted, not thrown.
 */
export async function runFor(
  seconds: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<{ completed: number; errors: number; elapsedMs: number; durationsMs: number[]; firstError?: string }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const durationsMs: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (performance.now() < deadline) {
      const index = next++;
      const begun = performance.now();
      try {
        await task(index);
        durationsMs.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return {
    completed: durationsMs.length,
    errors,
    elapsedMs: performance.now() - started,
    durationsMs,
    ...(firstError ? { firstError } : {}),
  };
}
