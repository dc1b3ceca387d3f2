import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, companyData, createInvoice, salesInvoice } from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice, LedgerReceipt } from '../state/contract-types';
import { nextId } from '../state/emulator-state';
import { UNKNOWN_DIMENSION } from './validate-dimensions';

describe('/api/ledgerreceipts', () => {
  let session: TestSession;
  let invoice: Invoice;
  let dimensionId: number;
  let itemIds: number[];

  beforeAll(async () => {
    session = await startTestSession();
    invoice = await createInvoice(session, salesInvoice(session, addPartner(session, 'CUSTOMER')));
    const state = session.emulator.context.state;
    dimensionId = nextId(state);
    itemIds = [nextId(state), nextId(state)];
    companyData(session).dimensions.set(dimensionId, {
      id: dimensionId,
      name: 'Projektit',
      items: itemIds.map((id, i) => ({ id, codeName: `P${i}` })),
    });
  });
  afterAll(() => session.emulator.stop());

  const receipt = async (): Promise<LedgerReceipt> =>
    (await session.api(`/ledgerreceipts/${invoice.ledgerReceiptId}`)).json();

  it("answers the invoice's receipt, several ids, and the search", async () => {
    const one = await receipt();
    expect(isValidAgainst('LedgerReceipt', one)).toEqual({ valid: true, errors: [] });
    expect(one).toMatchObject({ type: 'SALES_INVOICE', status: 'UNFINISHED', invoiceId: invoice.id });
    const many = await (await session.api(`/ledgerreceipts/${invoice.ledgerReceiptId},1`)).json();
    expect(many).toHaveLength(1);
    const search = await (await session.api('/ledgerreceipts?types=SALES_INVOICE&status=UNFINISHED')).json();
    expect(isValidAgainst('LedgerReceiptSearchResult', search)).toEqual({ valid: true, errors: [] });
    expect(search.results.map((entry: { id: number }) => entry.id)).toEqual([invoice.ledgerReceiptId]);
    expect((await (await session.api('/ledgerreceipts?types=JOURNAL')).json()).results).toEqual([]);
    expect((await session.api('/ledgerreceipts?types=NOPE')).status).toBe(400);
  });

  it('sets dimensions on one transaction, splitting its value across items', async () => {
    const transaction = (await receipt()).transactions[1]!;
    const half = transaction.accountingValue / 2;
    const response = await session.api(
      `/ledgerreceipts/${invoice.ledgerReceiptId}/transactions/${transaction.id}/dimensions`,
      {
        method: 'PUT',
        body: {
          dimensionItemValues: itemIds.map((itemId) => ({ dimensionId, itemId, value: half })),
        },
      },
    );
    expect(response.status).toBe(200);
    const updated = (await response.json()) as LedgerReceipt;
    expect(isValidAgainst('LedgerReceipt', updated).valid).toBe(true);
    expect(updated.transactions[1]!.dimensionItemValues).toHaveLength(2);
  });

  it('refuses unknown dimension items and values not summing to the accounting value', async () => {
    const transaction = (await receipt()).transactions[1]!;
    const path = `/ledgerreceipts/${invoice.ledgerReceiptId}/transactions/${transaction.id}/dimensions`;
    const unknown = await session.api(path, {
      method: 'PUT',
      body: { dimensionItemValues: [{ dimensionId, itemId: 1, value: transaction.accountingValue }] },
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0]).toMatchObject({
      field: 'dimensionItemValues[0]',
      message: UNKNOWN_DIMENSION,
    });
    const wrongSum = await session.api(path, {
      method: 'PUT',
      body: { dimensionItemValues: [{ dimensionId, itemId: itemIds[0], value: 1 }] },
    });
    expect(wrongSum.status).toBe(400);
    expect(
      (
        await session.api(`/ledgerreceipts/${invoice.ledgerReceiptId}/transactions/1/dimensions`, {
          method: 'PUT',
          body: { dimensionItemValues: [] },
        })
      ).status,
    ).toBe(404);
  });

  it('updates the receipt with its current version and refuses a stale one, a closed period and unknown accounts', async () => {
    const current = await receipt();
    const response = await session.api(`/ledgerreceipts/${current.id}`, {
      method: 'PUT',
      body: { ...current, accountantsNotes: 'tarkistettu' },
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as LedgerReceipt;
    expect(updated.accountantsNotes).toBe('tarkistettu');
    expect(updated.version).not.toBe(current.version);

    const stale = await session.api(`/ledgerreceipts/${current.id}`, { method: 'PUT', body: current });
    expect((await stale.json()).errors[0].field).toBe('version');
    const closedYear = Number(session.emulator.context.today().slice(0, 4)) - 3;
    const bad = await session.api(`/ledgerreceipts/${current.id}`, {
      method: 'PUT',
      body: {
        ...updated,
        receiptDate: `${closedYear}-05-05`,
        transactions: updated.transactions.map((t, i) =>
          i === 0 ? { ...t, account: '0001' } : { ...t, vatPercent: 24 },
        ),
      },
    });
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['receiptDate', 'transactions[0].account']));
  });

  it('refuses a VAT status not enabled for the receipt type, on the receipt and on a transaction', async () => {
    const current = await receipt();
    expect(current.vatType).toBe('SALES');
    const response = await session.api(`/ledgerreceipts/${current.id}`, {
      method: 'PUT',
      // 4: purchases of goods from other EU countries, a purchase-only status (GET /vats/default); 99: unknown.
      body: { ...current, vatStatus: 4, transactions: current.transactions.map((t) => ({ ...t, vatStatus: 99 })) },
    });
    expect(response.status).toBe(400);
    const errors = (await response.json()).errors as Array<{ field: string; message: string }>;
    expect(errors).toContainEqual({
      status: 400,
      field: 'vatStatus',
      message: 'ERROR_VATSTATUS_VATPERC: VAT status 4 is not enabled for sales',
    });
    expect(errors).toContainEqual({
      status: 400,
      field: 'transactions[0].vatStatus',
      message: 'ERROR_VATSTATUS_VATPERC',
    });
    expect((await receipt()).version).toBe(current.version);
  });
});
