// A keep-alive HTTP load generator for the emulator benchmark: N workers call a request factory for a duration or a count.
import { Agent, request as httpRequest } from 'node:http';

export interface CallResult {
  status: number;
  body: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

export class LoadClient {
  readonly #agent: Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    concurrency: number,
  ) {
    this.#agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  call({ method, path, body }: Call): Promise<CallResult> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${this.baseUrl}${path}`, {
        method,
        agent: this.#agent,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Runs `concurrency` workers until `stop` says so; counts non-2xx answers as errors. */
  async run(
    concurrency: number,
    next: (index: number) => Call,
    stop: { seconds?: number; count?: number },
  ): Promise<LoadResult> {
    const latencies: number[] = [];
    let issued = 0;
    let errors = 0;
    let firstError: string | undefined;
    const startedMs = performance.now();
    const deadlineMs = stop.seconds === undefined ? Number.POSITIVE_INFINITY : startedMs + stop.seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadlineMs && (stop.count === undefined || issued < stop.count)) {
        const index = issued;
        issued += 1;
        const sentMs = performance.now();
        const result = await this.call(next(index));
        latencies.push(performance.now() - sentMs);
        if (result.status < 200 || result.status >= 300) {
          errors += 1;
          firstError ??= `${result.status} ${result.body.slice(0, 300)}`;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - startedMs) / 1000;
    if (firstError) console.error(`  first failed answer: ${firstError}`);
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) =>
      Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2));
    return {
      requests: latencies.length,
      errors,
      seconds: Number(seconds.toFixed(2)),
      perSecond: Math.round(latencies.length / seconds),
      p50Ms: percentile(0.5),
      p99Ms: percentile(0.99),
    };
  }

  close(): void {
    this.#agent.destroy();
  }
}
