import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPartner,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
  travelInvoice,
} from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

describe('invoice status actions (PUT /api/invoices/{id}/…) and the admin status path', () => {
  let session: TestSession;
  let customerId: number;
  let supplierId: number;

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
    supplierId = addPartner(session, 'SUPPLIER');
  });
  afterAll(() => session.emulator.stop());

  const act = (id: number, action: string, body: unknown = { comment: '' }) =>
    session.api(`/invoices/${id}/${action}`, { method: 'PUT', body });
  const statusOf = async (id: number) =>
    ((await (await session.api(`/invoices/${id}`)).json()) as { status: string }).status;

  it('walks a sales invoice UNFINISHED → approve → NOT_SENT → send → SENT, and send again', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const approved = await act(invoice.id!, 'approve');
    expect(approved.status).toBe(200);
    expect(isValidAgainst('InfoMessage', await approved.json()).valid).toBe(true);
    expect(await statusOf(invoice.id!)).toBe('NOT_SENT');
    expect((await act(invoice.id!, 'send', undefined)).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('SENT');
    expect((await act(invoice.id!, 'send', undefined)).status).toBe(200);
    const history = await (await session.api(`/invoices/${invoice.id}/transactions`)).json();
    expect(isValidAgainst('InvoiceTransactions', history).valid).toBe(true);
    expect(history.transactions.map((t: { action: string }) => t.action)).toEqual([
      'UNFINISHED',
      'APPROVAL',
      'SEND',
      'SEND',
    ]);
  });

  it('refuses send from UNFINISHED with 403 naming the current status, and keeps the status', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const response = await act(invoice.id!, 'send', undefined);
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(isValidAgainst('ErrorMessages', body).valid).toBe(true);
    expect(body.errors[0].message).toContain('UNFINISHED');
    expect(await statusOf(invoice.id!)).toBe('UNFINISHED');
  });

  it('refuses verify on a sales invoice and approve twice', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    expect((await act(invoice.id!, 'verify')).status).toBe(403);
    await act(invoice.id!, 'approve');
    const again = await act(invoice.id!, 'approve');
    expect(again.status).toBe(403);
    expect((await again.json()).errors[0].message).toContain('NOT_SENT');
  });

  it('refuses an over-long approval comment on a purchase invoice as a field error', async () => {
    const invoice = await createInvoice(session, purchaseInvoice(session, supplierId));
    const response = await act(invoice.id!, 'approve', { comment: 'x'.repeat(101) });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe('comment');
    expect(await statusOf(invoice.id!)).toBe('UNFINISHED');
  });

  it('ignores the approval comment of a sales invoice (contract: "for sales invoice comment will be ignored")', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    expect((await act(invoice.id!, 'approve', { comment: 'x'.repeat(101) })).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('NOT_SENT');
  });

  it('invalidates and returns to unfinished', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    await act(invoice.id!, 'approve');
    expect((await act(invoice.id!, 'invalidate', undefined)).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('INVALIDATED');
    expect((await act(invoice.id!, 'unfinished', undefined)).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('UNFINISHED');
  });

  it('circulates a purchase invoice RECEIVED → VERIFIED → APPROVED → PAYMENT_QUEUED → PAYMENT_SENT_TO_BANK', async () => {
    const created = await fetch(`${session.emulator.url}/_emulator/purchase-invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyId: session.company.companyId, invoice: purchaseInvoice(session, supplierId) }),
    });
    expect(created.status).toBe(200);
    const invoice = await created.json();
    expect(invoice.status).toBe('RECEIVED');
    expect((await act(invoice.id, 'verify')).status).toBe(200);
    expect((await act(invoice.id, 'approve')).status).toBe(200);
    const admin = (status: string) =>
      fetch(`${session.emulator.url}/_emulator/invoices/${invoice.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    expect((await admin('PAYMENT_QUEUED')).status).toBe(200);
    expect((await admin('PAYMENT_SENT_TO_BANK')).status).toBe(200);
    expect(await statusOf(invoice.id)).toBe('PAYMENT_SENT_TO_BANK');
    const refused = await admin('VERIFIED');
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].message).toContain('PAYMENT_SENT_TO_BANK');
    expect((await admin('PAID')).status).toBe(400);
  });

  it('sends a travel invoice to circulation (UNFINISHED → RECEIVED) and rejects it', async () => {
    const personId = addPartner(session, 'PERSON');
    const invoice = await createInvoice(session, travelInvoice(session, personId));
    expect((await act(invoice.id!, 'sendToCirculation', undefined)).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('RECEIVED');
    expect((await act(invoice.id!, 'reject')).status).toBe(200);
    expect(await statusOf(invoice.id!)).toBe('PAYMENT_DENIED');
    expect((await act(invoice.id!, 'send', undefined)).status).toBe(403);
  });

  it('updates notes in any status and answers 404 for an unknown invoice', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    await act(invoice.id!, 'approve');
    expect((await act(invoice.id!, 'notes', { notes: 'muistiinpano' })).status).toBe(200);
    expect(((await (await session.api(`/invoices/${invoice.id}`)).json()) as { notes: string }).notes).toBe(
      'muistiinpano',
    );
    expect((await act(invoice.id!, 'notes', { notes: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await act(999_999_999, 'approve')).status).toBe(404);
  });
});
