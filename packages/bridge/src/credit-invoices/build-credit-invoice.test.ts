// The credit document: negative rows of the original, notes naming its Procountor number (FACTS.md).
import { describe, expect, it } from 'vitest';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { buildCreditInvoice } from './build-credit-invoice';

const original: SalesInvoiceInput = {
  externalId: 'INV-1',
  invoiceNumber: 'S-1',
  invoiceDate: '2026-03-01',
  dueDate: '2026-03-15',
  currency: 'EUR',
  language: 'fi',
  referenceCode: '1232',
  customer: { name: 'Asiakas Oy', address: { country: 'FI' } },
  rows: [
    { kind: 'header', name: 'Phase 1' },
    { kind: 'item', name: 'Work', quantity: 2, unitPrice: 10, vatPercent: 25.5 },
  ],
  attachments: [{ fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: 'AA==' }],
};
const credited = { document: original, procountorInvoiceNumber: 42, transferId: 'trf_1' };

describe('buildCreditInvoice', () => {
  it('credits every row with negative quantities and names the original in the notes', () => {
    const credit = buildCreditInvoice(
      { externalId: 'CR-1', creditsExternalId: 'INV-1', whole: true, reason: 'wrong amount' },
      credited,
      '2026-04-01',
    );
    expect(credit.rows.map((row) => row.quantity)).toEqual([undefined, -2]);
    expect(credit).toMatchObject({ externalId: 'CR-1', invoiceNumber: 'CR-1', invoiceDate: '2026-04-01' });
    expect(credit.notes).toBe('Hyvityslasku laskulle 42.');
    expect(credit.internalNotes).toContain(
      'Procountor invoice 42 (original invoice number S-1, bridge transfer trf_1)',
    );
    expect(credit.internalNotes).toContain('Reason: wrong amount');
    expect(credit.attachments).toBeUndefined();
    expect(credit.referenceCode).toBeUndefined();
  });

  it('credits only the given rows, made negative whatever sign they came with', () => {
    const credit = buildCreditInvoice(
      {
        externalId: 'CR-2',
        creditsExternalId: 'INV-1',
        rows: [{ kind: 'item', name: 'Work', quantity: 1, unitPrice: 10, vatPercent: 25.5 }],
      },
      credited,
      '2026-04-01',
    );
    expect(credit.rows).toEqual([expect.objectContaining({ name: 'Work', quantity: -1 })]);
  });
});
