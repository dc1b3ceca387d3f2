// The main path through the whole composed bridge (createBridge): submit → transfer → invoice in Procountor →
// signed webhook and feed event back to the source. On PostgreSQL and PGlite.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/composition/create-bridge';
import { verifyBridgeSignature } from '../src/source-webhooks/bridge-signature';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { describeOnBothDatabases } from './helpers/test-database';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function startReceiver(received: Received[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/hooks` };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeOnBothDatabases('main path through createBridge', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let receiver: { server: Server; url: string };
  const received: Received[] = [];
  let call: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    procountor = await startTestProcountor('Päätie Oy');
    receiver = await startReceiver(received);
    // The real workers (transfers, webhook deliveries, pull) of the composition root.
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2 });
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    receiver?.server.close();
  });

  it('transfers a submitted invoice once and tells the source by signed webhook and feed', async () => {
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Päätie',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    expect(created.status).toBe(201);
    const connectionId = created.json.id as string;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;
    const endpoint = await call('POST', `/v1/connections/${connectionId}/webhook-endpoints`, token, {
      url: receiver.url,
    });
    expect(endpoint.status).toBe(201);

    const submitted = await call(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      token,
      buildSalesInvoice({ externalId: 'main-path-1', invoiceNumber: 'MP-1' }),
    );
    expect(submitted.status).toBe(202);

    const done = await waitFor('the transfer to succeed', async () => {
      const transfer = await call('GET', `/v1/connections/${connectionId}/sales-invoices/main-path-1`, token);
      if (transfer.json.state === 'failed') throw new Error(`transfer failed: ${JSON.stringify(transfer.json)}`);
      return transfer.json.state === 'succeeded' ? transfer.json : undefined;
    });
    expect(JSON.stringify(done)).toMatch(/invoiceNumber/);

    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    const invoices = [...company.invoices.values()].filter((invoice) => invoice.originalInvoiceNumber === 'MP-1');
    expect(invoices).toHaveLength(1);

    const delivery = await waitFor('the webhook', async () =>
      received.find((item) => item.body.includes('transfer.succeeded')),
    );
    const secret = endpoint.json.secret as string;
    expect(
      verifyBridgeSignature({
        secret,
        timestamp: Number(delivery.headers['x-bridge-timestamp']),
        body: delivery.body,
        signature: String(delivery.headers['x-bridge-signature']),
      }),
    ).toBe(true);

    const feed = await call('GET', `/v1/connections/${connectionId}/events`, token);
    expect(feed.json.events.map((event: { type: string }) => event.type)).toContain('transfer.succeeded');
  });
});
