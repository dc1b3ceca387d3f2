// The SDK's retries and idempotency keys against a real local HTTP server that answers as scripted: 429 and 503 with
// Retry-After, 500s, dropped connections, a closed port. What is asserted is what the server received and what the
// caller got, never how long anything took.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BridgeApiError,
  BridgeClient,
  type BridgeClientOptions,
  BridgeConnectionError,
  BridgeOutcomeUnknownError,
} from '../src/index';

/** One scripted answer: a status with headers and a JSON body, or a connection dropped without an answer. */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | 'drop';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let baseUrl: string;
let script: Answer[] = [];
let received: ReceivedRequest[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const answer = script.shift() ?? { status: 500, body: { code: 'unscripted', message: 'no answer scripted' } };
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  script = [];
  received = [];
});

const accepted = { transferId: 'trf_1', externalId: 'INV-1', state: 'queued', links: { self: '/x', document: '/y' } };
const invoice = { externalId: 'INV-1' } as Parameters<BridgeClient['salesInvoices']['submit']>[0];

function client(options: Partial<BridgeClientOptions> = {}) {
  const retries: { delayMs: number; reason: string }[] = [];
  const sdk = new BridgeClient({
    baseUrl,
    token: 'tok_test',
    connectionId: 'con_1',
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    onRetry: (retry) => retries.push({ delayMs: retry.delayMs, reason: retry.reason }),
    ...options,
  });
  return { sdk, retries };
}

describe('retries', () => {
  it('retries a submit answered 429 and 503, waiting as Retry-After says, with one Idempotency-Key throughout', async () => {
    script = [
      { status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'slow down' } },
      { status: 503, headers: { 'retry-after': '0' }, body: { code: 'unavailable', message: 'restarting' } },
      { status: 202, body: accepted },
    ];
    const { sdk, retries } = client();
    await expect(sdk.salesInvoices.submit(invoice)).resolves.toEqual(accepted);

    expect(received.map((request) => request.url)).toEqual(Array(3).fill('/v1/connections/con_1/sales-invoices'));
    const keys = received.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    // The body is sent whole on every attempt, and the token with it.
    expect(received.map((request) => JSON.parse(request.body))).toEqual(Array(3).fill(invoice));
    expect(received.every((request) => request.headers.authorization === 'Bearer tok_test')).toBe(true);
    // Retry-After decided the waits (1 s, then 0 s), not the backoff.
    expect(retries.map((retry) => retry.delayMs)).toEqual([1000, 0]);
  });

  it('gives each logical submit its own key, and keeps a key the caller chose', async () => {
    script = [
      { status: 202, body: accepted },
      { status: 202, body: accepted },
      { status: 503 },
      { status: 202, body: accepted },
    ];
    const { sdk } = client();
    await sdk.salesInvoices.submit(invoice);
    await sdk.salesInvoices.submit(invoice);
    await sdk.salesInvoices.submit(invoice, { idempotencyKey: 'crm-INV-1-v3' });
    const keys = received.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.slice(2)).toEqual(['crm-INV-1-v3', 'crm-INV-1-v3']);
  });

  it('stops after maxRetries and throws the last answer as BridgeApiError with its code', async () => {
    script = Array(4).fill({ status: 503, body: { code: 'unavailable', message: 'down', details: [] } });
    const { sdk } = client({ maxRetries: 2 });
    const error = await sdk.salesInvoices.submit(invoice).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeApiError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable' });
    expect(received).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs: the 429 comes back at once', async () => {
    script = [{ status: 429, headers: { 'retry-after': '3600' }, body: { code: 'rate_limited', message: 'later' } }];
    const { sdk, retries } = client({ maxRetryAfterMs: 10_000 });
    await expect(sdk.transfers.get('trf_1')).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(received).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('retries a GET answered 500, but not a POST the bridge takes no key for (it may have been done)', async () => {
    const transfer = { transferId: 'trf_1' };
    script = [
      { status: 500, body: { code: 'internal_error', message: 'x' } },
      { status: 200, body: transfer },
    ];
    const { sdk } = client();
    await expect(sdk.transfers.get('trf_1')).resolves.toEqual(transfer);
    expect(received).toHaveLength(2);

    received = [];
    script = [{ status: 500, body: { code: 'internal_error', message: 'x' } }];
    await expect(sdk.transfers.resend('trf_1')).rejects.toMatchObject({ status: 500, code: 'internal_error' });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('retries a dropped connection on a submit (it has a key) and on a GET; reports one on an action as unknown', async () => {
    script = ['drop', { status: 202, body: accepted }];
    const { sdk } = client();
    await expect(sdk.salesInvoices.submit(invoice)).resolves.toEqual(accepted);
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['idempotency-key']).toBe(received[1]!.headers['idempotency-key']);

    received = [];
    script = ['drop', { status: 200, body: { transferId: 'trf_1' } }];
    await expect(sdk.transfers.get('trf_1')).resolves.toEqual({ transferId: 'trf_1' });
    expect(received).toHaveLength(2);

    received = [];
    script = ['drop'];
    const error = await sdk.transfers.resend('trf_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeOutcomeUnknownError);
    expect(error).toMatchObject({ method: 'POST', reason: 'connection-lost' });
    expect(received).toHaveLength(1);
  });

  it('retries a refused connection (nothing was sent), then throws BridgeConnectionError', async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const { sdk, retries } = client({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 });
    const error = await sdk.transfers.resend('trf_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeConnectionError);
    expect(error).toMatchObject({ method: 'POST', timedOut: false });
    expect(retries.map((retry) => retry.reason)).toEqual(Array(2).fill('connection refused before sending'));
  });

  it('gives up a GET that gets no answer in timeoutMs after its retries', async () => {
    // Never answered: the server keeps the request open until the client gives up.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { sdk, retries } = client({
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        timeoutMs: 200,
        maxRetries: 1,
      });
      const error = await sdk.transfers.get('trf_1').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BridgeConnectionError);
      expect(error).toMatchObject({ timedOut: true });
      expect(retries).toHaveLength(1);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('times out even when the garbage collector runs during the attempt (Node 20 AbortSignal.any)', async () => {
    // Node 20's AbortSignal.any holds its sources weakly: an AbortSignal.timeout given to it could be collected and
    // never fire, and the request then waited forever. Collect garbage while the attempt waits.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { sdk } = client({
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        timeoutMs: 300,
        maxRetries: 0,
      });
      const pending = sdk.transfers.get('trf_1').catch((caught: unknown) => caught);
      for (let round = 0; round < 5; round += 1) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const error = await Promise.race([
        pending,
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
      ]);
      expect(error).toBeInstanceOf(BridgeConnectionError);
      expect(error).toMatchObject({ timedOut: true });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('ends at once when the caller aborts, even while waiting for a retry', async () => {
    script = [{ status: 503, headers: { 'retry-after': '30' } }];
    const controller = new AbortController();
    // Aborted as the 30 s wait for the retry begins.
    const { sdk } = client({ onRetry: () => controller.abort(new Error('shutting down')) });
    await expect(sdk.transfers.get('trf_1', { signal: controller.signal })).rejects.toThrow('shutting down');
    expect(received).toHaveLength(1);
  });
});
