import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPartner,
  companyData,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
} from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice } from '../state/contract-types';

describe('PUT /api/invoices/{invoiceId}', () => {
  let session: TestSession;
  let customerId: number;

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
  });
  afterAll(() => session.emulator.stop());

  const put = (id: number, body: unknown) => session.api(`/invoices/${id}`, { method: 'PUT', body });
  const errorsOf = async (response: Response) => {
    expect(response.status).toBe(400);
    return ((await response.json()) as { errors: Array<{ field?: string; message: string }> }).errors;
  };

  it('updates an UNFINISHED invoice with the current version and gives a new version', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const response = await put(invoice.id!, { ...invoice, additionalInformation: 'Kiitos!' });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as Invoice;
    expect(isValidAgainst('Invoice', updated).valid).toBe(true);
    expect(updated.additionalInformation).toBe('Kiitos!');
    expect(updated.version).not.toBe(invoice.version);
    expect(updated.invoiceNumber).toBe(invoice.invoiceNumber);
    expect(updated.ledgerReceiptId).toBe(invoice.ledgerReceiptId);
  });

  it('takes back an invoice whose delivery address was copied from a counter party address without a country', async () => {
    const body = salesInvoice(session, customerId);
    const { country: _country, ...address } = body.counterParty.counterPartyAddress;
    const invoice = await createInvoice(session, {
      ...body,
      counterParty: { ...body.counterParty, counterPartyAddress: address },
    });
    expect(invoice.deliveryAddress?.country).toBeUndefined();
    expect((await put(invoice.id!, { ...invoice, additionalInformation: 'Uudelleen' })).status).toBe(200);
  });

  it('recreates the ledger receipt with a new id when rows change', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const rows = [
      { product: 'Uusi', quantity: 1, unit: 'PIECE' as const, unitPrice: 10, discountPercent: 0, vatPercent: 25.5 },
    ];
    const updated = (await (await put(invoice.id!, { ...invoice, invoiceRows: rows })).json()) as Invoice;
    expect(updated.ledgerReceiptId).not.toBe(invoice.ledgerReceiptId);
    expect(companyData(session).ledgerReceipts.has(invoice.ledgerReceiptId!)).toBe(false);
    expect(updated.invoiceSumInfo![0]!.invoiceSumTotal).toBe(12.55);
  });

  it('refuses a stale or missing version', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    await put(invoice.id!, { ...invoice, notes: 'first' });
    const stale = await errorsOf(await put(invoice.id!, { ...invoice, notes: 'second' }));
    expect(stale[0]).toMatchObject({ field: 'version' });
    expect(stale[0]!.message).toContain('VERSION_CONFLICT');
    const { version: _v, ...withoutVersion } = invoice;
    expect((await errorsOf(await put(invoice.id!, withoutVersion)))[0]).toMatchObject({
      field: 'version',
      message: 'must not be null',
    });
  });

  it('updates a purchase invoice while RECEIVED and refuses it once VERIFIED (FACTS.md "Updating")', async () => {
    const supplierId = addPartner(session, 'SUPPLIER');
    const invoice = await createInvoice(session, purchaseInvoice(session, supplierId));
    const action = (name: string) => session.api(`/invoices/${invoice.id}/${name}`, { method: 'PUT', body: {} });
    expect((await action('sendToCirculation')).status).toBe(200);
    const received = (await (await session.api(`/invoices/${invoice.id}`)).json()) as Invoice;
    expect(received.status).toBe('RECEIVED');
    const response = await put(invoice.id!, { ...received, additionalInformation: 'Tarkistettu' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Invoice).status).toBe('RECEIVED');
    expect((await action('verify')).status).toBe(200);
    const verified = (await (await session.api(`/invoices/${invoice.id}`)).json()) as Invoice;
    const refused = await errorsOf(await put(invoice.id!, { ...verified, additionalInformation: 'Myöhässä' }));
    expect(refused).toEqual([
      expect.objectContaining({ field: 'status', message: expect.stringContaining('VERIFIED') }),
    ]);
  });

  it('refuses updates once a sales invoice is approved, naming its status', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    await session.api(`/invoices/${invoice.id}/approve`, { method: 'PUT', body: {} });
    const current = (await (await session.api(`/invoices/${invoice.id}`)).json()) as Invoice;
    const errors = await errorsOf(await put(invoice.id!, current));
    expect(errors[0]!.field).toBe('status');
    expect(errors[0]!.message).toContain('NOT_SENT');
  });

  it('refuses a changed partnerId, a changed type and every contract violation at once', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const other = addPartner(session, 'CUSTOMER', 'Toinen Oy');
    const errors = await errorsOf(
      await put(invoice.id!, {
        ...invoice,
        partnerId: other,
        invoiceChannel: 'PAPER_INVOICE',
        orderReference: 'x'.repeat(71),
      }),
    );
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['partnerId', 'invoiceChannel', 'orderReference']),
    );
    expect((await put(123_456_789, invoice)).status).toBe(404);
  });
});
