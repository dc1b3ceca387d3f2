import { describe, expect, it } from 'vitest';
import { matchBusinessPartner, type PartnerCandidate } from './match-business-partner';

const partners: PartnerCandidate[] = [
  { id: 1, businessId: '1234567-8', customerNumber: '100' },
  { id: 2, businessId: 'FI76543210', customerNumber: '200' },
  { id: 3, customerNumber: '300' },
];
const create = { createCustomers: true, reuseCustomerWithSameBusinessId: false };

describe('matchBusinessPartner (business ID and customer number rules)', () => {
  it('matches the partner with the same business ID and customer number', () => {
    expect(matchBusinessPartner({ businessId: '1234567-8', customerNumber: '100' }, partners, create)).toMatchObject({
      kind: 'matched',
      partnerId: 1,
    });
  });

  it('compares business IDs in VAT-number and spaced forms as equal', () => {
    expect(matchBusinessPartner({ businessId: '7654321-0', customerNumber: '200' }, partners, create)).toMatchObject({
      kind: 'matched',
      partnerId: 2,
    });
  });

  it('creates a new partner for the same business ID with another customer number', () => {
    expect(matchBusinessPartner({ businessId: '1234567-8', customerNumber: '101' }, partners, create)).toMatchObject({
      kind: 'create',
    });
  });

  it('reuses the partner with the same business ID when the Click2Contract setting is on', () => {
    const settings = { createCustomers: true, reuseCustomerWithSameBusinessId: true };
    expect(matchBusinessPartner({ businessId: '1234567-8', customerNumber: '101' }, partners, settings)).toMatchObject({
      kind: 'matched',
      partnerId: 1,
    });
  });

  it('refuses the same customer number with another business ID, naming both', () => {
    const match = matchBusinessPartner({ businessId: '1111111-1', customerNumber: '100' }, partners, create);
    expect(match.kind).toBe('conflict');
    expect(match.kind === 'conflict' && match.message).toContain('1234567-8');
  });

  it('without a business ID matches by customer number, else creates', () => {
    expect(matchBusinessPartner({ customerNumber: '300' }, partners, create)).toMatchObject({
      kind: 'matched',
      partnerId: 3,
    });
    expect(matchBusinessPartner({ customerNumber: '999' }, partners, create)).toMatchObject({ kind: 'create' });
  });

  it('reports not-found instead of creating when creating customers is off', () => {
    const settings = { createCustomers: false, reuseCustomerWithSameBusinessId: false };
    expect(matchBusinessPartner({ customerNumber: '999' }, partners, settings).kind).toBe('not-found');
  });
});
