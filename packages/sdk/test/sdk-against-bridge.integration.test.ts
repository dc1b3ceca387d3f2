// The SDK against a real bridge (createBridge with its workers, the emulator as Procountor), on PostgreSQL and PGlite:
// submits with idempotency keys, reads, batch, credit invoice, paging, the event feed from a stored cursor, webhook
// endpoints, and real signed deliveries verified by verifyWebhook in a Fastify and an Express receiver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Bridge } from '../../bridge/src/composition/create-bridge';
import { buildSalesInvoice } from '../../bridge/test/helpers/sales-invoice-builder';
import {
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../bridge/test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../bridge/test/helpers/test-database';
import {
  BridgeApiError,
  BridgeClient,
  type BridgeFeedEvent,
  type SalesInvoiceInput,
  type TransferResponse,
  verifyWebhook,
} from '../src/index';
import { startExpressReceiver, startFastifyReceiver, type WebhookReceiver } from './webhook-receivers';

const WAIT = { timeout: 30_000, interval: 100 };

function invoice(overrides: Partial<SalesInvoiceInput> = {}): SalesInvoiceInput {
  return buildSalesInvoice(overrides as never) as SalesInvoiceInput;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describeOnBothDatabases('the SDK against a running bridge', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let fastifyReceiver: WebhookReceiver;
  let expressReceiver: WebhookReceiver;
  let admin: BridgeClient;
  let sdk: BridgeClient;
  let connectionId: string;
  let token: string;

  /** Reads the document until its transfer has stopped moving; fails on `failed`. */
  const succeeded = (read: () => Promise<TransferResponse>) =>
    vi.waitFor(async () => {
      const transfer = await read();
      if (transfer.state === 'failed') throw new Error(`transfer failed: ${JSON.stringify(transfer.lastError)}`);
      expect(transfer.state).toBe('succeeded');
      return transfer;
    }, WAIT);

  beforeAll(async () => {
    procountor = await startTestProcountor('SDK Oy');
    [fastifyReceiver, expressReceiver] = await Promise.all([startFastifyReceiver(), startExpressReceiver()]);
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2 });

    // The administrator's part, through the generic typed client.
    admin = new BridgeClient({ baseUrl: bridge.url, token: TEST_ADMIN_TOKEN });
    const created = await admin.api.POST('/v1/connections', {
      body: {
        name: 'SDK',
        environment: 'custom',
        baseUrl: procountor.emulator.baseUrl,
        clientId: procountor.company.clientId,
        clientSecret: procountor.company.clientSecret,
        apiKey: procountor.company.apiKey,
      },
    });
    connectionId = created.data!.id;
    const activated = await admin.api.POST('/v1/connections/{connectionId}/activate', {
      params: { path: { connectionId } },
    });
    expect(activated.response.status).toBe(200);
    const issued = await admin.api.POST('/v1/api-tokens', { body: { name: 'source', connectionId } });
    token = issued.data!.token;
    sdk = new BridgeClient({ baseUrl: bridge.url, token, connectionId, initialRetryDelayMs: 5 });
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    await fastifyReceiver?.close();
    await expressReceiver?.close();
  });

  it('submits a sales invoice, reads it until it is in Procountor, and is told by verified webhooks and the feed', async () => {
    for (const receiver of [fastifyReceiver, expressReceiver]) {
      const endpoint = await sdk.webhookEndpoints.create({ url: receiver.url, eventTypes: ['transfer.succeeded'] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      receiver.secret = endpoint.secret;
    }
    expect((await sdk.webhookEndpoints.list()).endpoints).toHaveLength(2);

    const document = invoice();
    const accepted = await sdk.salesInvoices.submit(document);
    expect(accepted).toMatchObject({ externalId: document.externalId, state: 'queued' });
    // The same document again: the same transfer, not a second one.
    expect((await sdk.salesInvoices.submit(document)).transferId).toBe(accepted.transferId);

    const done = await succeeded(() => sdk.salesInvoices.get(document.externalId));
    expect(done.procountor.invoiceNumber).toEqual(expect.any(Number));
    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    expect(
      [...company.invoices.values()].filter((row) => row.originalInvoiceNumber === document.invoiceNumber),
    ).toHaveLength(1);

    // Both receivers verified the bridge's real signed request and got the typed event.
    for (const receiver of [fastifyReceiver, expressReceiver]) {
      const webhook = await vi.waitFor(() => {
        const found = receiver.accepted.find((item) => item.event.type === 'transfer.succeeded');
        expect(found).toBeDefined();
        return found!;
      }, WAIT);
      expect(receiver.refused).toEqual([]);
      const { event } = webhook;
      if (event.type !== 'transfer.succeeded') throw new Error(`unexpected ${event.type}`);
      expect(event).toMatchObject({ connectionId, data: { transferId: accepted.transferId } });
      expect(event.data.procountorInvoiceNumber).toBe(done.procountor.invoiceNumber);
      expect(webhook.headers['x-bridge-event-id']).toBe(event.id);
    }

    // The same request with its body changed on the way is refused, saying why.
    const original = fastifyReceiver.accepted[0]!;
    const tampered = await fetch(fastifyReceiver.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bridge-timestamp': original.headers['x-bridge-timestamp']!,
        'x-bridge-signature': original.headers['x-bridge-signature']!,
      },
      body: original.rawBody.replace(document.externalId, 'INV-forged'),
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({ error: 'no_matching_signature' });
    // And verifying with another endpoint's secret fails too: each endpoint signs with its own.
    expect(() => verifyWebhook(original.rawBody, original.headers, expressReceiver.secret)).toThrow(/No v1 signature/);

    const feed = await collect(sdk.events.iterate());
    const fromFeed = feed.find(
      (event) => event.type === 'transfer.succeeded' && event.subjectId === accepted.transferId,
    );
    expect(fromFeed?.eventId).toBe(original.event.id);

    const deliveries = await collect(sdk.webhookEndpoints.deliveries({ state: 'delivered' }));
    expect(deliveries.filter((delivery) => delivery.eventId === original.event.id)).toHaveLength(2);
  });

  it('pages transfers and the event feed with their cursors, resuming the feed from a stored cursor', async () => {
    const documents = Array.from({ length: 5 }, () => invoice());
    const batch = await sdk.salesInvoices.submitBatch({ documents });
    expect(batch).toMatchObject({ accepted: 5, rejected: 0 });
    for (const document of documents) await succeeded(() => sdk.salesInvoices.get(document.externalId));

    const transfers = await collect(sdk.transfers.iterate({ kind: 'sales_invoice' }, { pageSize: 2 }));
    const ids = transfers.map((transfer) => transfer.transferId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(transfers.map((transfer) => transfer.externalId)).toEqual(
      expect.arrayContaining(documents.map((document) => document.externalId)),
    );
    expect(ids).toHaveLength(6);

    const all = await collect(sdk.events.iterate({ limit: 2 }));
    expect(all.length).toBeGreaterThanOrEqual(6);
    // A source that stored the cursor of the second event resumes right after it.
    const resumed = await collect(sdk.events.iterate({ after: all[1]!.id, limit: 2 }));
    expect(resumed.map((event) => event.eventId)).toEqual(all.slice(2).map((event) => event.eventId));
    const succeededOnly = await collect(sdk.events.iterate({ type: 'transfer.succeeded' }));
    expect(succeededOnly.every((event) => event.type === 'transfer.succeeded')).toBe(true);

    // Following the feed: the next event arrives while the loop waits; aborting ends the loop without an error.
    const controller = new AbortController();
    const followed: BridgeFeedEvent[] = [];
    const following = (async () => {
      for await (const event of sdk.events.iterate({
        after: all.at(-1)!.id,
        follow: true,
        pollIntervalMs: 100,
        signal: controller.signal,
      })) {
        followed.push(event);
        if (event.type === 'transfer.succeeded') controller.abort();
      }
    })();
    const next = invoice();
    await sdk.salesInvoices.submit(next);
    await following;
    expect(followed.at(-1)).toMatchObject({ type: 'transfer.succeeded', payload: { externalId: next.externalId } });
  });

  it('retries a submit whose answer was lost with the same Idempotency-Key, and the bridge keeps one transfer', async () => {
    // A proxy in front of the bridge that passes the first submit on and then answers 502 instead of the bridge's answer.
    const seen: { key: string | undefined }[] = [];
    const proxy: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      seen.push({ key: request.headers['idempotency-key'] as string | undefined });
      const forwarded = await fetch(`${bridge.url}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
        ) as Record<string, string>,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const text = await forwarded.text();
      if (seen.length === 1) response.writeHead(502).end('bad gateway');
      else response.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const viaProxy = new BridgeClient({
        baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        token,
        connectionId,
        initialRetryDelayMs: 5,
      });
      const document = invoice();
      const accepted = await viaProxy.salesInvoices.submit(document);
      expect(seen).toHaveLength(2);
      expect(seen[0]!.key).toBeDefined();
      expect(seen[1]!.key).toBe(seen[0]!.key);
      // The repeat got the stored answer of the first attempt, and there is one transfer.
      expect(accepted.state).toBe('queued');
      const matching = await collect(sdk.transfers.iterate({ q: document.externalId }));
      expect(matching.map((transfer) => transfer.transferId)).toEqual([accepted.transferId]);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('throws BridgeApiError with the code and details of what the bridge refused', async () => {
    const invalid = await sdk.salesInvoices
      .submit(invoice({ rows: [{ name: 'x', quantity: 1, unitPrice: 10, vatPercent: 24.5 } as never] }))
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(BridgeApiError);
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((invalid as BridgeApiError).details[0]).toMatchObject({ path: expect.stringContaining('rows[0]') });

    const key = `reuse-${Date.now()}`;
    await sdk.salesInvoices.submit(invoice(), { idempotencyKey: key });
    await expect(sdk.salesInvoices.submit(invoice(), { idempotencyKey: key })).rejects.toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });

    // A token of one connection is refused on another, as if it did not exist.
    const other = await admin.api.POST('/v1/connections', {
      body: {
        name: 'Other',
        environment: 'custom',
        baseUrl: procountor.emulator.baseUrl,
        clientId: 'x',
        clientSecret: 'y',
        apiKey: 'z',
      },
    });
    await expect(sdk.forConnection(other.data!.id).transfers.iterate().next()).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('credits an invoice, with the webhook signed by a rotated secret verified under the new one', async () => {
    const endpoints = (await sdk.webhookEndpoints.list()).endpoints;
    const fastifyEndpoint = endpoints.find((endpoint) => endpoint.url === fastifyReceiver.url)!;
    const rotated = await sdk.webhookEndpoints.rotateSecret(fastifyEndpoint.id);
    fastifyReceiver.secret = rotated.secret;
    // The tampered request of the first test was refused; nothing the bridge sends from now on may be.
    const refusedBefore = fastifyReceiver.refused.length;
    await sdk.webhookEndpoints.update(fastifyEndpoint.id, { eventTypes: [] });
    expect((await sdk.webhookEndpoints.get(fastifyEndpoint.id)).eventTypes).toEqual([]);

    const original = invoice();
    await sdk.salesInvoices.submit(original);
    await succeeded(() => sdk.salesInvoices.get(original.externalId));
    const credit = await sdk.creditInvoices.submit({
      externalId: `CR-${original.externalId}`,
      creditsExternalId: original.externalId,
      whole: true,
    });
    const credited = await succeeded(() => sdk.creditInvoices.get(credit.externalId));
    expect(credited.kind).toBe('credit_invoice');

    await vi.waitFor(() => {
      const found = fastifyReceiver.accepted.find(
        (item) => item.event.type === 'transfer.succeeded' && item.event.data.transferId === credited.transferId,
      );
      expect(found).toBeDefined();
    }, WAIT);
    expect(fastifyReceiver.refused).toHaveLength(refusedBefore);

    await sdk.webhookEndpoints.delete(fastifyEndpoint.id);
    await expect(sdk.webhookEndpoints.get(fastifyEndpoint.id)).rejects.toMatchObject({ status: 404 });
  });
});
