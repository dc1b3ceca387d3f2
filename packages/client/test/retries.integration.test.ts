import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OutcomeUnknownError,
  ProcountorConnectionError,
  ProcountorRateLimitError,
  ProcountorServerError,
} from '../src';
import {
  createMemoryLogger,
  createTestClient,
  type FakeProcountor,
  sendJson,
  startFakeProcountor,
} from './fake-procountor';

const invoice = { type: 'SALES_INVOICE', originalInvoiceNumber: 'SRC-1' } as never;

describe('transport retries', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
  });
  afterEach(() => fake.close());

  it('honours Retry-After in seconds on a 429, then succeeds', async () => {
    const { logger, lines } = createMemoryLogger();
    let calls = 0;
    fake.route('GET', '/status', (_, res) => {
      calls += 1;
      if (calls === 1)
        sendJson(res, 429, { errors: [{ status: 429, message: 'Too many requests' }] }, { 'retry-after': '1' });
      else sendJson(res, 200, { status: 'OK' });
    });
    const client = createTestClient(fake, { logger });
    await expect(client.session.status()).resolves.toEqual({ status: 'OK' });
    expect(fake.apiRequests()).toHaveLength(2);
    const retry = lines.find((line) => line.level === 'warn');
    expect(retry?.fields).toMatchObject({ delayMs: 1000, status: 429, attempt: 1 });
  });

  it('retries a POST on 429, as Procountor did not process it', async () => {
    let calls = 0;
    fake.route('POST', '/invoices', (_, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, {}, { 'retry-after': new Date(Date.now() - 1000).toUTCString() });
      else sendJson(res, 200, { id: 7 });
    });
    const client = createTestClient(fake);
    await expect(client.invoices.create(invoice)).resolves.toEqual({ id: 7 });
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('gives up with ProcountorRateLimitError carrying retryAfterMs when Retry-After exceeds maxRetryAfterMs', async () => {
    fake.route('GET', '/status', (_, res) => sendJson(res, 429, {}, { 'retry-after': '120' }));
    const client = createTestClient(fake);
    const error = await client.session.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcountorRateLimitError);
    expect((error as ProcountorRateLimitError).retryAfterMs).toBe(120_000);
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('retries a 503 and logs each retry with a pointer to the first attempt', async () => {
    const { logger, lines } = createMemoryLogger();
    let calls = 0;
    fake.route('GET', '/status', (_, res) => {
      calls += 1;
      if (calls < 3) sendJson(res, 503, { errors: [{ status: 503, message: 'UNABLE_TO_GET_CONNECTION' }] });
      else sendJson(res, 200, { status: 'OK' });
    });
    const client = createTestClient(fake, { logger });
    await expect(client.session.status()).resolves.toEqual({ status: 'OK' });
    expect(fake.apiRequests()).toHaveLength(3);
    const retries = lines.filter((line) => line.level === 'warn');
    expect(retries).toHaveLength(2);
    const firstId = retries[0]?.fields.requestId;
    expect(retries[1]?.fields.retryOf).toBe(firstId);
  });

  it('stops after maxRetries and throws the last ProcountorServerError for a GET', async () => {
    fake.route('GET', '/status', (_, res) => sendJson(res, 502, { errors: [{ status: 502, message: 'Bad gateway' }] }));
    const client = createTestClient(fake, { maxRetries: 3 });
    await expect(client.session.status()).rejects.toBeInstanceOf(ProcountorServerError);
    expect(fake.apiRequests()).toHaveLength(4);
  });

  it('reports a 500 on a POST as OutcomeUnknownError, without retrying', async () => {
    fake.route('POST', '/invoices', (_, res) => sendJson(res, 500, { errors: [{ status: 500, message: 'boom' }] }));
    const client = createTestClient(fake);
    const error = await client.invoices.create(invoice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe('server-error');
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(ProcountorServerError);
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('reports a POST dropped after the body was read as OutcomeUnknownError and does not retry it', async () => {
    fake.route('POST', '/invoices', (_, res) => {
      res.socket?.destroy();
    });
    const client = createTestClient(fake);
    const error = await client.invoices.create(invoice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe('connection-lost');
    expect(error).toMatchObject({ method: 'POST', path: '/invoices' });
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('retries a GET dropped the same way', async () => {
    let calls = 0;
    fake.route('GET', '/invoices/5', (_, res) => {
      calls += 1;
      if (calls === 1) res.socket?.destroy();
      else sendJson(res, 200, { id: 5 });
    });
    const client = createTestClient(fake);
    await expect(client.invoices.get(5)).resolves.toEqual({ id: 5 });
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('treats a state-changing PUT (send) like a POST: dropped means outcome unknown, not retried', async () => {
    fake.route('PUT', '/invoices/5/send', (_, res) => {
      res.socket?.destroy();
    });
    const client = createTestClient(fake);
    await expect(client.invoices.send(5)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('retries a GET that times out, then throws ProcountorConnectionError with timedOut', async () => {
    fake.route('GET', '/status', () => {
      // Never answers.
    });
    const client = createTestClient(fake, { timeoutMs: 50, maxRetries: 1 });
    const error = await client.session.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcountorConnectionError);
    expect((error as ProcountorConnectionError).timedOut).toBe(true);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('reports a POST that times out as OutcomeUnknownError after one attempt', async () => {
    fake.route('POST', '/invoices', () => {
      // Never answers.
    });
    const client = createTestClient(fake, { timeoutMs: 50 });
    const error = await client.invoices.create(invoice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe('timeout');
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('retries a POST whose connection was refused (nothing sent) and ends with ProcountorConnectionError', async () => {
    // Connection: close, so no kept-alive socket is reused: a write on a socket the server already closed would be
    // "connection lost after sending" (the cautious reading), not "refused".
    await fake.close();
    fake = await startFakeProcountor({ keepAlive: false });
    fake.route('GET', '/status', (_, res) => sendJson(res, 200, { status: 'OK' }));
    const { logger, lines } = createMemoryLogger();
    const client = createTestClient(fake, { logger, maxRetries: 2 });
    await client.session.status(); // caches a token
    await fake.close();
    const error = await client.invoices.create(invoice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcountorConnectionError);
    expect((error as ProcountorConnectionError).timedOut).toBe(false);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.fields.reason)).toEqual([
      'connection refused before sending',
      'connection refused before sending',
    ]);
  });

  it('does not retry when the caller aborts', async () => {
    fake.route('GET', '/status', () => {
      // Never answers.
    });
    const client = createTestClient(fake);
    const controller = new AbortController();
    const pending = client.session.status({ signal: controller.signal });
    // Abort once the request is out (a fixed 20 ms could pass before it left on a busy machine).
    await expect.poll(() => fake.apiRequests().length).toBe(1);
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
    expect(fake.apiRequests()).toHaveLength(1);
  });
});
