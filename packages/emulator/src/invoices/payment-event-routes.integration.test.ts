import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, companyData, createInvoice, salesInvoice } from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice } from '../state/contract-types';
import { settleWebhookDeliveries, signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '../webhooks/dispatch-webhook-event';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('payments: bank payments and their removal (admin), markpaid, payment events and their webhooks', () => {
  let session: TestSession;
  let customerId: number;
  let receiver: Server;
  const received: Received[] = [];
  const secret = 'jaettu-salaisuus';

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/procountor`;
    const created = await session.api('/webhooks', {
      method: 'POST',
      body: {
        url,
        authenticationType: 'HMAC',
        authenticationMeta: { secret },
        subscriptions: ['INVOICE_PAYMENT_CREATED', 'INVOICE_PAYMENTEVENTS_DELETED', 'PAYMENT_DELETED'],
      },
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await session.emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function sentInvoice(): Promise<Invoice> {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    await session.api(`/invoices/${invoice.id}/approve`, { method: 'PUT', body: {} });
    await session.api(`/invoices/${invoice.id}/send`, { method: 'PUT' });
    return invoice;
  }
  const bankPayment = (id: number, amount: number) =>
    fetch(`${session.emulator.url}/_emulator/invoices/${id}/bank-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount, date: session.emulator.context.today() }),
    });
  const statusOf = async (id: number) => ((await (await session.api(`/invoices/${id}`)).json()) as Invoice).status;

  it('a partial bank payment makes PARTLY_PAID, the rest PAID, each delivering a signed webhook', async () => {
    const invoice = await sentInvoice();
    received.length = 0;
    const partial = await bankPayment(invoice.id!, 100);
    expect(partial.status).toBe(200);
    expect((await partial.json()).invoiceStatus).toBe('PARTLY_PAID');
    expect(await statusOf(invoice.id!)).toBe('PARTLY_PAID');
    await bankPayment(invoice.id!, 196);
    expect(await statusOf(invoice.id!)).toBe('PAID');

    await settleWebhookDeliveries(companyData(session));
    expect(received).toHaveLength(2);
    const delivery = received[0]!;
    const envelope = JSON.parse(delivery.body);
    expect(envelope).toMatchObject({
      eventType: 'INVOICE_PAYMENT_CREATED',
      payload: { invoiceId: invoice.id, paidAmount: 100 },
    });
    expect(envelope.meta).toEqual({ version: '1', timestamp: expect.any(String) });
    expect(delivery.headers[WEBHOOK_SIGNATURE_HEADER]).toBe(signWebhookBody(secret, delivery.body));
    expect(companyData(session).webhookDeliveries.at(-1)).toMatchObject({
      status: 200,
      eventType: 'INVOICE_PAYMENT_CREATED',
    });
  });

  it('lists and reads payment events against the contract', async () => {
    const invoice = await sentInvoice();
    await bankPayment(invoice.id!, 10);
    const list = await (await session.api(`/invoices/${invoice.id}/paymentevents`)).json();
    expect(isValidAgainst('PaymentEventSearchResult', list)).toEqual({ valid: true, errors: [] });
    expect(list.results).toHaveLength(1);
    const one = await (await session.api(`/invoices/${invoice.id}/paymentevents/${list.results[0].id}`)).json();
    expect(isValidAgainst('PaymentEvent', one).valid).toBe(true);
    expect(one.type).toBe('REFERENCEPAYMENT');
    expect((await session.api(`/invoices/${invoice.id}/paymentevents/1`)).status).toBe(404);
  });

  it('lists payment events of several invoices at once (GET /payments/paymentevents), paged by payment id', async () => {
    const first = await sentInvoice();
    const second = await sentInvoice();
    await bankPayment(first.id!, 10);
    await bankPayment(second.id!, 20);
    await bankPayment(first.id!, 30);
    const list = await (await session.api(`/payments/paymentevents?invoiceId=${first.id},${second.id},999999`)).json();
    expect(isValidAgainst('PaymentEventSearchResult', list)).toEqual({ valid: true, errors: [] });
    expect(
      list.results.map((event: { invoiceId: number; paidAmount: number }) => [event.invoiceId, event.paidAmount]),
    ).toEqual([
      [first.id, 10],
      [second.id, 20],
      [first.id, 30],
    ]);
    const after = await (
      await session.api(`/payments/paymentevents?invoiceId=${first.id},${second.id}&previousId=${list.results[0].id}`)
    ).json();
    expect(after.results).toHaveLength(2);
    const missing = await session.api('/payments/paymentevents');
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].field).toBe('invoiceId');
    const tooMany = Array.from({ length: 201 }, (_, index) => index + 1).join(',');
    expect((await session.api(`/payments/paymentevents?invoiceId=${tooMany}`)).status).toBe(400);
  });

  it('marks an invoice paid, removes the marked payment and fires INVOICE_PAYMENTEVENTS_DELETED', async () => {
    const invoice = await sentInvoice();
    const marked = await session.api(`/invoices/${invoice.id}/paymentevents/markpaid`, {
      method: 'PUT',
      body: { paymentDate: session.emulator.context.today(), amount: 296, currency: 'EUR', paymentMethodType: 'CASH' },
    });
    expect(marked.status).toBe(200);
    const event = await marked.json();
    expect(isValidAgainst('PaymentEvent', event).valid).toBe(true);
    expect(event).toMatchObject({ status: 'MARKED_PAID', type: 'CASH' });
    expect(await statusOf(invoice.id!)).toBe('MARKED_PAID');

    received.length = 0;
    const removed = await session.api(`/invoices/${invoice.id}/paymentevents/${event.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(202);
    expect(isValidAgainst('TransactionIdentifier', await removed.json()).valid).toBe(true);
    expect(await statusOf(invoice.id!)).toBe('SENT');
    await settleWebhookDeliveries(companyData(session));
    expect(received.map((delivery) => JSON.parse(delivery.body))).toMatchObject([
      { eventType: 'INVOICE_PAYMENTEVENTS_DELETED', payload: { invoiceId: invoice.id, paymentEventIds: [event.id] } },
      { eventType: 'PAYMENT_DELETED', payload: event },
    ]);
  });

  it('a user removes a bank payment (admin): the status goes back and PAYMENT_DELETED carries the payment', async () => {
    const invoice = await sentInvoice();
    await bankPayment(invoice.id!, 100);
    const second = (await (await bankPayment(invoice.id!, 196)).json()).paymentEvent;
    expect(await statusOf(invoice.id!)).toBe('PAID');

    received.length = 0;
    const removeAt = (invoiceId: number, eventId: number) =>
      fetch(`${session.emulator.url}/_emulator/invoices/${invoiceId}/payment-events/${eventId}`, { method: 'DELETE' });
    const removed = await removeAt(invoice.id!, second.id);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ removedPaymentEvent: second, invoiceStatus: 'PARTLY_PAID' });
    expect(await statusOf(invoice.id!)).toBe('PARTLY_PAID');
    const left = await (await session.api(`/invoices/${invoice.id}/paymentevents`)).json();
    expect(left.results.map((event: { id: number }) => event.id)).not.toContain(second.id);

    await settleWebhookDeliveries(companyData(session));
    expect(received).toHaveLength(1);
    const delivery = received[0]!;
    const envelope = JSON.parse(delivery.body);
    expect(envelope).toMatchObject({ eventType: 'PAYMENT_DELETED', payload: second });
    expect(isValidAgainst('PaymentEvent', envelope.payload).valid).toBe(true);
    expect(delivery.headers[WEBHOOK_SIGNATURE_HEADER]).toBe(signWebhookBody(secret, delivery.body));

    expect((await removeAt(invoice.id!, second.id)).status).toBe(404);
    expect((await removeAt(999999, second.id)).status).toBe(404);
  });

  it('refuses markpaid in a wrong currency, in UNFINISHED, and deleting a bank payment', async () => {
    const invoice = await sentInvoice();
    const wrongCurrency = await session.api(`/invoices/${invoice.id}/paymentevents/markpaid`, {
      method: 'PUT',
      body: { paymentDate: session.emulator.context.today(), amount: 1, currency: 'SEK' },
    });
    expect(wrongCurrency.status).toBe(400);
    expect((await wrongCurrency.json()).errors[0].field).toBe('currency');
    const missing = await session.api(`/invoices/${invoice.id}/paymentevents/markpaid`, {
      method: 'PUT',
      body: { amount: 1 },
    });
    expect((await missing.json()).errors.map((e: { field: string }) => e.field)).toEqual(['paymentDate', 'currency']);

    const unfinished = await createInvoice(session, salesInvoice(session, customerId));
    const refused = await session.api(`/invoices/${unfinished.id}/paymentevents/markpaid`, {
      method: 'PUT',
      body: { paymentDate: session.emulator.context.today(), amount: 1, currency: 'EUR' },
    });
    expect(refused.status).toBe(403);
    expect((await bankPayment(unfinished.id!, 5)).status).toBe(400);

    await bankPayment(invoice.id!, 5);
    const events = await (await session.api(`/invoices/${invoice.id}/paymentevents`)).json();
    expect(
      (await session.api(`/invoices/${invoice.id}/paymentevents/${events.results[0].id}`, { method: 'DELETE' })).status,
    ).toBe(403);
  });
});
