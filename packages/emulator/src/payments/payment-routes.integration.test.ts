import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addPartner,
  companyData,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
  TEST_IBAN,
} from '../../test/helpers/invoice-test-builders';
import { addTestCompany, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import { startEmulator } from '../start-emulator';
import type { Invoice } from '../state/contract-types';
import { settleWebhookDeliveries } from '../webhooks/dispatch-webhook-event';
import { MFA_EXPIRY_MS } from './mfa-transactions';

type Errors = { errors: Array<{ status: number; field?: string; message: string }> };

describe('/api/payments: outgoing payments of purchase invoices, from queue to bank', () => {
  let session: TestSession;
  let clock = Date.now();
  let supplierId: number;
  let customerId: number;

  beforeAll(async () => {
    const emulator = await startEmulator({ port: 0, now: () => clock });
    session = { emulator, ...(await addTestCompany(emulator)) };
    supplierId = addPartner(session, 'SUPPLIER');
    customerId = addPartner(session, 'CUSTOMER');
    // Deliveries go nowhere (connection refused) but are recorded with their bodies.
    await session.api('/webhooks', {
      method: 'POST',
      body: {
        url: 'http://127.0.0.1:1/procountor',
        authenticationType: 'NONE',
        subscriptions: ['PAYMENT_UPDATED', 'INVOICE_PAYMENT_CREATED', 'PAYMENT_DELETED'],
      },
    });
  });
  afterAll(() => session.emulator.stop());

  const today = () => session.emulator.context.today();
  async function approvedPurchase(overrides: Partial<Invoice> = {}): Promise<Invoice> {
    const invoice = await createInvoice(session, purchaseInvoice(session, supplierId, overrides));
    const approved = await session.api(`/invoices/${invoice.id}/approve`, { method: 'PUT', body: {} });
    expect(approved.status).toBe(200);
    return readInvoice(invoice.id!);
  }
  const readInvoice = async (id: number): Promise<Invoice> => (await session.api(`/invoices/${id}`)).json();
  const payment = (invoice: Invoice, overrides: Record<string, unknown> = {}) => ({
    invoiceId: invoice.id,
    invoiceVersion: invoice.version,
    amount: invoice.invoiceSumInfo![0]!.invoiceSumTotal,
    paymentDate: today(),
    paymentMethod: 'FINNISH_BANK_TRANSFER',
    recipientBankAccount: TEST_IBAN,
    recipientNameAndAddress: { name: 'Toimittaja Oy' },
    bankReferenceCode: '1232',
    bankReferenceCodeType: 'FI',
    ...overrides,
  });
  const pay = (...payments: unknown[]) => session.api('/payments', { method: 'POST', body: { payments } });
  const result = async (transactionIdentifier: string) => session.api(`/mfatransactionresult/${transactionIdentifier}`);
  async function payOne(invoice: Invoice, overrides: Record<string, unknown> = {}): Promise<number> {
    const response = await pay(payment(invoice, overrides));
    expect(response.status).toBe(202);
    const { transactionIdentifier } = await response.json();
    const read = await (await result(transactionIdentifier)).json();
    return read.invoicePayments.transactions[0].paymentId;
  }
  const bank = (paymentId: number, body: Record<string, unknown>) =>
    fetch(`${session.emulator.url}/_emulator/payments/${paymentId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const refusal = async (response: Response, status = 400) => {
    expect(response.status).toBe(status);
    return ((await response.json()) as Errors).errors;
  };

  it('pays an approved purchase invoice: queued, sent to the bank, paid, with the invoice and webhooks following', async () => {
    const invoice = await approvedPurchase();
    const company = companyData(session);
    company.webhookDeliveries.length = 0;
    const response = await pay(payment(invoice));
    expect(response.status).toBe(202);
    const identifier = await response.json();
    expect(isValidAgainst('TransactionIdentifier', identifier).valid).toBe(true);
    const confirmed = await result(identifier.transactionIdentifier);
    expect(confirmed.status).toBe(200);
    const mfa = await confirmed.json();
    expect(isValidAgainst('MfaTransactionResult', mfa).valid).toBe(true);
    const [{ paymentId, invoiceId }] = mfa.invoicePayments.transactions;
    expect(invoiceId).toBe(invoice.id);
    expect((await result(identifier.transactionIdentifier)).status).toBe(409);

    const row = await (await session.api(`/payments/${paymentId}`)).json();
    expect(isValidAgainst('PaymentRowInfo', row).valid).toBe(true);
    expect(row).toMatchObject({
      id: paymentId,
      invoiceId: invoice.id,
      status: 'PAYMENT_QUEUED',
      amount: 296,
      currency: 'EUR',
      receiverName: 'Toimittaja Oy',
      receiverAccount: TEST_IBAN,
      payerAccount: company.bankAccounts[0]!.iban,
    });
    expect((await readInvoice(invoice.id!)).status).toBe('PAYMENT_QUEUED');
    const listed = await (await session.api(`/payments?invoiceId=${invoice.id},1&startDate=${today()}`)).json();
    expect(isValidAgainst('PaymentSearchResult', listed).valid).toBe(true);
    expect(listed.results.map((entry: { id: number }) => entry.id)).toEqual([paymentId]);

    expect((await (await bank(paymentId, { status: 'PAYMENT_SENT_TO_BANK' })).json()).invoiceStatus).toBe(
      'PAYMENT_SENT_TO_BANK',
    );
    const paid = await (await bank(paymentId, { status: 'PAID' })).json();
    expect(paid).toMatchObject({ invoiceStatus: 'PAID', payment: { status: 'PAID' } });
    const events = await (await session.api(`/invoices/${invoice.id}/paymentevents`)).json();
    expect(events.results).toEqual([
      expect.objectContaining({ type: 'BANKSTATEMENT', status: 'PAID', paidAmount: 296, paymentDate: today() }),
    ]);
    const history = await (await session.api(`/invoices/${invoice.id}/transactions`)).json();
    expect(history.transactions.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['SENT_FOR_PAYMENT', 'ALLOCATE_INVOICE_TO_BANK_STATEMENT']),
    );

    await settleWebhookDeliveries(company);
    const delivered = company.webhookDeliveries.map((delivery) => {
      const envelope = JSON.parse(delivery.body);
      return [envelope.eventType, envelope.payload.status ?? envelope.payload.type];
    });
    expect(delivered).toEqual([
      ['PAYMENT_UPDATED', 'PAYMENT_QUEUED'],
      ['PAYMENT_UPDATED', 'PAYMENT_SENT_TO_BANK'],
      ['INVOICE_PAYMENT_CREATED', 'PAID'],
      ['PAYMENT_UPDATED', 'PAID'],
    ]);
  });

  it('pays in parts: the first part leaves the invoice PARTLY_PAID, the rest pays it', async () => {
    const invoice = await approvedPurchase();
    const first = await payOne(invoice, { amount: 100 });
    await bank(first, { status: 'PAID' });
    const partly = await readInvoice(invoice.id!);
    expect(partly.status).toBe('PARTLY_PAID');
    expect(await refusal(await pay(payment(partly, { amount: 196.01 })))).toEqual([
      expect.objectContaining({ field: 'payments[0].amount', message: 'must not exceed the amount left to pay, 196' }),
    ]);
    const rest = await payOne(partly, { amount: 196 });
    await bank(rest, { status: 'PAID' });
    expect((await readInvoice(invoice.id!)).status).toBe('PAID');
  });

  it('pays all or none: one bad payment in the list refuses every one, an unknown invoice answers 404', async () => {
    const good = await approvedPurchase();
    const stale = await approvedPurchase();
    const errors = await refusal(
      await pay(payment(good), payment(stale, { invoiceVersion: '2020-01-01T00:00:00.000Z' })),
    );
    expect(errors).toEqual([expect.objectContaining({ field: 'payments[1].invoiceVersion' })]);
    expect(errors[0]!.message).toMatch(/^VERSION_CONFLICT/);
    expect((await readInvoice(good.id!)).status).toBe('APPROVED');
    const listed = await (await session.api(`/payments?invoiceId=${good.id}`)).json();
    expect(listed.results).toEqual([]);
    expect((await pay(payment(good), payment(good, { invoiceId: 999_999 }))).status).toBe(404);
  });

  it('refuses what Procountor would not pay, naming the field and the rule', async () => {
    const invoice = await approvedPurchase();
    const unfinished = await createInvoice(session, purchaseInvoice(session, supplierId));
    const sales = await createInvoice(session, salesInvoice(session, customerId));
    const cases: Array<[string, unknown, string]> = [
      ['an unfinished invoice', payment(unfinished), 'payments[0].invoiceId'],
      ['a sales invoice', payment(sales), 'payments[0].invoiceId'],
      ['a date in the past', payment(invoice, { paymentDate: addDays(today(), -1) }), 'payments[0].paymentDate'],
      [
        'a bad IBAN',
        payment(invoice, { recipientBankAccount: 'FI2112345600000786' }),
        'payments[0].recipientBankAccount',
      ],
      [
        'a Swedish method',
        payment(invoice, { paymentMethod: 'SWEDISH_DOMESTIC_PAYMENT' }),
        'payments[0].paymentMethod',
      ],
      [
        'a foreign payment from an account without them',
        payment(invoice, {
          paymentMethod: 'FINNISH_FOREIGN_PAYMENT',
          recipientBicCode: 'ESSESESS',
          recipientNameAndAddress: {
            name: 'Leverantör AB',
            street: 'Gatan 1',
            zip: '11122',
            city: 'Stockholm',
            country: 'SWEDEN',
          },
        }),
        'payments[0].payerBankAccount',
      ],
      [
        'a payer account of someone else',
        payment(invoice, { payerBankAccount: TEST_IBAN }),
        'payments[0].payerBankAccount',
      ],
      ['a reference and a message', payment(invoice, { message: 'Lasku 12' }), 'payments[0].message'],
      ['a bad reference', payment(invoice, { bankReferenceCode: '1233' }), 'payments[0].bankReferenceCode'],
      ['a KID reference', payment(invoice, { bankReferenceCodeType: 'KID' }), 'payments[0].bankReferenceCodeType'],
      ['a zero amount', payment(invoice, { amount: 0 }), 'payments[0].amount'],
      [
        'no recipient name',
        payment(invoice, { recipientNameAndAddress: {} }),
        'payments[0].recipientNameAndAddress.name',
      ],
      ['no invoice version', { ...payment(invoice), invoiceVersion: undefined }, 'payments[0].invoiceVersion'],
    ];
    for (const [label, body, field] of cases) {
      const response = await pay(body);
      expect(response.status, label).toBe(400);
      const { errors } = (await response.json()) as Errors;
      expect(
        errors.map((error) => error.field),
        label,
      ).toContain(field);
    }
    expect((await readInvoice(invoice.id!)).status).toBe('APPROVED');
    await payOne(invoice);
    const again = await refusal(await pay(payment(await readInvoice(invoice.id!))));
    expect(again[0]!.message).toMatch(/Invalid invoice status PAYMENT_QUEUED/);
  });

  it('cancels a queued payment (the invoice is approved again), then removes it; a queued one cannot be removed', async () => {
    const invoice = await approvedPurchase();
    const paymentId = await payOne(invoice);
    expect((await refusal(await session.api(`/payments/${paymentId}`, { method: 'DELETE' }), 403))[0]!.field).toBe(
      'status',
    );
    const cancelled = await session.api(`/payments/${paymentId}/cancel`, { method: 'PUT' });
    expect(cancelled.status).toBe(202);
    const { transactionIdentifier } = await cancelled.json();
    // The deprecated confirmation answers the same result in PaymentsConfirmationResponseModels.
    const confirm = await session.api(`/payments/${transactionIdentifier}/confirm`, { method: 'PUT' });
    expect(await confirm.json()).toEqual({ InfoMessage: { message: `Payment ${paymentId} cancelled` } });
    expect((await (await session.api(`/payments/${paymentId}`)).json()).status).toBe('INVALIDATED');
    expect((await readInvoice(invoice.id!)).status).toBe('APPROVED');
    expect((await session.api(`/payments/${paymentId}/cancel`, { method: 'PUT' })).status).toBe(403);

    const company = companyData(session);
    company.webhookDeliveries.length = 0;
    const removed = await session.api(`/payments/${paymentId}`, { method: 'DELETE' });
    expect(removed.status).toBe(202);
    expect((await session.api(`/payments/${paymentId}`)).status).toBe(404);
    expect((await readInvoice(invoice.id!)).status).toBe('APPROVED');
    // PAYMENT_DELETED carries the removed payment as GET /payments listed it; the invoice moved not, so no update.
    await settleWebhookDeliveries(company);
    const delivered = company.webhookDeliveries.map((delivery) => JSON.parse(delivery.body));
    expect(delivered.map((envelope) => envelope.eventType)).toEqual(['PAYMENT_DELETED']);
    expect(isValidAgainst('BasicPaymentTransactionData', delivered[0].payload)).toEqual({ valid: true, errors: [] });
    expect(delivered[0].payload).toMatchObject({
      id: paymentId,
      invoiceId: invoice.id,
      status: 'INVALIDATED',
      amount: 296,
      receiverName: 'Toimittaja Oy',
    });
  });

  it('a payment the bank refuses puts the invoice back and leaves an error message; it can be paid again', async () => {
    const invoice = await approvedPurchase();
    const paymentId = await payOne(invoice);
    await bank(paymentId, { status: 'PAYMENT_SENT_TO_BANK' });
    const refused = await (await bank(paymentId, { status: 'PAYMENT_DENIED', errorCode: 'ACCOUNT_CLOSED' })).json();
    expect(refused).toMatchObject({ invoiceStatus: 'APPROVED', payment: { status: 'PAYMENT_DENIED' } });
    const messages = await (await session.api('/payments/errormessages?type=PAYMENT_ERROR&status=UNHANDLED')).json();
    expect(isValidAgainst('PaymentErrorMessageSearchResult', messages).valid).toBe(true);
    expect(messages.results).toEqual([
      expect.objectContaining({
        errorCode: 'ACCOUNT_CLOSED',
        referenceId: invoice.id,
        referenceType: 'INVOICE',
        invoiceType: 'PURCHASE_INVOICE',
        status: 'UNHANDLED',
      }),
    ]);
    expect((await bank(paymentId, { status: 'PAID' })).status).toBe(400);
    await payOne(await readInvoice(invoice.id!));
  });

  it('answers a transaction to its own company only, and 408 once it is over 5 minutes old', async () => {
    const invoice = await approvedPurchase();
    const { transactionIdentifier } = await (await pay(payment(invoice))).json();
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/mfatransactionresult/${transactionIdentifier}`)).status).toBe(403);
    expect((await result('no-such-transaction')).status).toBe(404);
    clock += MFA_EXPIRY_MS + 1;
    expect((await result(transactionIdentifier)).status).toBe(408);
  });
});
