// Counts the /api requests the emulator logged, by method + path template + status, reading its log incrementally.
import { procountorPathTemplate } from '../../src/observability/count-procountor-calls';
import type { EmulatorChild } from './emulator-child';

interface LogEntry {
  sequence: number;
  method: string;
  path: string;
  status: number | null;
}

/**
 * The emulator keeps the last 5,000 requests (its CLI has no option for more), so the log is read every
 * `intervalMs` with `after=<last sequence>` and counted here: no request is missed while fewer than 5,000 arrive
 * between two reads (at 10 requests/s that is 500 s).
 */
export class RequestLogCounter {
  readonly counts = new Map<string, number>();
  #after = 0;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> = Promise.resolve();
  #missed = 0;

  constructor(private readonly emulator: EmulatorChild) {}

  /** Skips what is in the log now, then counts from there. */
  async start(intervalMs = 2_000): Promise<void> {
    const response = await fetch(`${this.emulator.url}/_emulator/requests?limit=1`);
    const { entries } = (await response.json()) as { entries: LogEntry[] };
    this.#after = entries.at(-1)?.sequence ?? 0;
    this.#timer = setInterval(() => {
      this.#reading = this.#reading.then(() => this.#read());
    }, intervalMs);
  }

  /** Reads what is left and stops. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#reading;
    await this.#read();
  }

  /** Entries lost because more than the log's capacity arrived between two reads (should be 0). */
  get missed(): number {
    return this.#missed;
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  async #read(): Promise<void> {
    const response = await fetch(`${this.emulator.url}/_emulator/requests?after=${this.#after}`);
    const { entries } = (await response.json()) as { entries: LogEntry[] };
    if (entries.length > 0 && entries[0]!.sequence > this.#after + 1)
      this.#missed += entries[0]!.sequence - this.#after - 1;
    for (const entry of entries) {
      const key = `${entry.method} ${procountorPathTemplate(`http://emulator${entry.path}`, 'http://emulator/api')} ${entry.status ?? 'no answer'}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      this.#after = entry.sequence;
    }
  }
}
