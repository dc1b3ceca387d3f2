import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, purchaseInvoice } from '../../test/helpers/invoice-test-builders';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import { settleWebhookDeliveries, signWebhookBody } from './dispatch-webhook-event';

describe('/api/webhooks', () => {
  let session: TestSession;

  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());

  const hook = (overrides: Record<string, unknown> = {}) => ({
    url: 'https://example.com/procountor',
    authenticationType: 'NONE',
    subscriptions: ['INVOICE_PAYMENT_CREATED'],
    ...overrides,
  });

  it('creates, lists, updates and deletes a webhook', async () => {
    const created = await (await session.api('/webhooks', { method: 'POST', body: hook() })).json();
    expect(isValidAgainst('CreatedWebhookResponse', created)).toEqual({ valid: true, errors: [] });
    const second = await (
      await session.api('/webhooks', { method: 'POST', body: hook({ subscriptions: ['PAYMENT_UPDATED'] }) })
    ).json();

    const list = await (await session.api('/webhooks')).json();
    expect(isValidAgainst('WebhookSearchResult', list)).toEqual({ valid: true, errors: [] });
    expect(list.results.map((w: { uuid: string }) => w.uuid)).toEqual([second.uuid, created.uuid]);
    const filtered = await (await session.api('/webhooks?eventType=PAYMENT_UPDATED&orderByCreatedDate=ASC')).json();
    expect(filtered.results.map((w: { uuid: string }) => w.uuid)).toEqual([second.uuid]);

    const updated = await session.api(`/webhooks/${created.uuid}`, {
      method: 'PUT',
      body: hook({ subscriptions: ['PAYMENT_DELETED'] }),
    });
    expect(updated.status).toBe(200);
    expect(isValidAgainst('InfoMessage', await updated.json()).valid).toBe(true);
    expect((await session.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await session.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(404);
  });

  it.each([
    ['no subscriptions', hook({ subscriptions: [] }), 'subscriptions'],
    ['an unknown event', hook({ subscriptions: ['INVOICE_CREATED'] }), 'subscriptions[0]'],
    ['a wrong authentication type', hook({ authenticationType: 'BASIC' }), 'authenticationType'],
    ['HMAC without a secret', hook({ authenticationType: 'HMAC' }), 'authenticationMeta.secret'],
    ['a non-http URL', hook({ url: 'ftp://example.com' }), 'url'],
    ['a missing url', { authenticationType: 'NONE', subscriptions: ['PAYMENT_UPDATED'] }, 'url'],
  ])('refuses %s with a field error', async (_name, body, field) => {
    const response = await session.api('/webhooks', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("does not show or change another company's webhooks", async () => {
    const created = await (await session.api('/webhooks', { method: 'POST', body: hook() })).json();
    const other = await addTestCompany(session.emulator);
    expect((await (await other.api('/webhooks')).json()).results).toEqual([]);
    expect((await other.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('delivers PAYMENT_UPDATED, HMAC-signed, as an outgoing payment is queued, sent to the bank and paid', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ body, signature: request.headers['x-procountor-signature'] as string | undefined });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const subscribed = await session.api('/webhooks', {
        method: 'POST',
        body: hook({
          url,
          authenticationType: 'HMAC',
          authenticationMeta: { secret: 's3cret' },
          subscriptions: ['PAYMENT_UPDATED'],
        }),
      });
      expect(subscribed.status).toBe(200);
      const supplierId = addPartner(session, 'SUPPLIER');
      const created = await fetch(`${session.emulator.url}/_emulator/purchase-invoices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ companyId: session.company.companyId, invoice: purchaseInvoice(session, supplierId) }),
      });
      const invoice = (await created.json()) as { id: number };
      const admin = (path: string, body: unknown) =>
        fetch(`${session.emulator.url}/_emulator/invoices/${invoice.id}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (await session.api(`/invoices/${invoice.id}/approve`, { method: 'PUT', body: { comment: '' } })).status,
      ).toBe(200);
      expect((await admin('status', { status: 'PAYMENT_QUEUED' })).status).toBe(200);
      expect((await admin('status', { status: 'PAYMENT_SENT_TO_BANK' })).status).toBe(200);
      expect((await admin('bank-payments', { amount: 1 })).status).toBe(200);
      await settleWebhookDeliveries(session.emulator.context.state.companies.get(session.company.companyId)!);

      const events = received.map((item) => JSON.parse(item.body));
      expect(events.map((event) => [event.eventType, event.payload.invoiceId, event.payload.status])).toEqual([
        ['PAYMENT_UPDATED', invoice.id, 'PAYMENT_QUEUED'],
        ['PAYMENT_UPDATED', invoice.id, 'PAYMENT_SENT_TO_BANK'],
        ['PAYMENT_UPDATED', invoice.id, 'PARTLY_PAID'],
      ]);
      for (const item of received) expect(item.signature).toBe(signWebhookBody('s3cret', item.body));
    } finally {
      server.close();
    }
  });
});
