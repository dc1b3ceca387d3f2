import type { ProcountorInvoice } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { describe, expect, it } from 'vitest';
import { findRoutingHints } from './find-routing-hints';

const hetu = (() => {
  const made = createPersonalIdentityCode('131052', '-', '308');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();

const bill = (overrides: Partial<ProcountorInvoice> = {}): ProcountorInvoice =>
  ({
    type: 'PURCHASE_INVOICE',
    date: '2026-03-01',
    counterParty: { counterPartyAddress: { name: 'Toimittaja Oy' } },
    invoiceRows: [],
    ...overrides,
  }) as unknown as ProcountorInvoice;

describe('findRoutingHints', () => {
  it('takes the project from the ledger receipt dimensions first', () => {
    const hints = findRoutingHints(bill({ orderReference: 'P-2' }), ['P-1'], new Set(['P-1', 'P-2']));
    expect(hints).toMatchObject({ projectNumber: 'P-1', projectNumberFoundIn: 'ledgerReceipt.dimensions' });
  });

  it('finds a known project code and a valid personal identity code in the text fields', () => {
    const hints = findRoutingHints(
      bill({ buyerReferenceIdentifier: 'Viite: 4711', additionalInformation: `Matkakulut ${hetu} projekti P-9` }),
      [],
      new Set(['P-9']),
    );
    expect(hints).toEqual({
      projectNumber: 'P-9',
      projectNumberFoundIn: 'additionalInformation',
      personalIdentityCode: hetu,
      personalIdentityCodeFoundIn: 'additionalInformation',
    });
  });

  it('ignores a HETU-shaped string with a wrong check character and unknown codes', () => {
    const wrong = `${hetu.slice(0, -1)}${hetu.endsWith('A') ? 'B' : 'A'}`;
    const hints = findRoutingHints(bill({ orderReference: `${wrong} P-404` }), [], new Set(['P-1']));
    expect(hints.personalIdentityCode).toBeNull();
    expect(hints.projectNumber).toBeNull();
  });

  it('searches row comments too', () => {
    const rows = [
      {
        product: 'x',
        quantity: 1,
        unit: 'PIECE',
        unitPrice: 1,
        discountPercent: 0,
        vatPercent: 0,
        comment: `hlö ${hetu}`,
      },
    ];
    const hints = findRoutingHints(bill({ invoiceRows: rows } as Partial<ProcountorInvoice>), [], new Set());
    expect(hints.personalIdentityCodeFoundIn).toBe('invoiceRows[0].comment');
  });
});
