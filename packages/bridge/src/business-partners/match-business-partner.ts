// Decides which Procountor business partner a source customer is, by Visma Severa's matching rules.

/** A Procountor partner as far as matching needs it. */
export interface PartnerCandidate {
  id: number;
  businessId?: string | undefined;
  customerNumber?: string | undefined;
}

export interface CustomerIdentity {
  businessId?: string | undefined;
  customerNumber?: string | undefined;
}

export interface MatchSettings {
  /** "Create customers in Procountor" (a setting of Click2Contract's and Visma Severa's integrations). */
  createCustomers: boolean;
  /**
   * Click2Contract's rule: no new customer when one with the same business ID exists;
   * use that partner even if its customer number differs.
   */
  reuseCustomerWithSameBusinessId: boolean;
}

export type PartnerMatch =
  | { kind: 'matched'; partnerId: number; rule: string }
  | { kind: 'create'; rule: string }
  | { kind: 'conflict'; partnerId: number; message: string }
  | { kind: 'not-found'; message: string };

/** "FI12345678", "1234567 - 8" and "1234567-8" compare equal. */
export function normalizeBusinessIdForMatch(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const compact = value.replace(/[\s-]/g, '').toUpperCase().replace(/^FI/, '');
  return /^\d{8}$/.test(compact) ? `${compact.slice(0, 7)}-${compact.slice(7)}` : value.trim().toUpperCase();
}

function normalizeCustomerNumber(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Business partner matching, as Visma Severa's integration does it:
 * 1. same business ID and customer number → that partner;
 * 2. same business ID, another customer number → no match: a new partner (where creating customers is on);
 * 3. same customer number, another business ID → an error, no invoice.
 * Without a business ID: match by customer number, else create. (Issue #4.)
 */
export function matchBusinessPartner(
  customer: CustomerIdentity,
  candidates: readonly PartnerCandidate[],
  settings: MatchSettings,
): PartnerMatch {
  const businessId = normalizeBusinessIdForMatch(customer.businessId);
  const customerNumber = normalizeCustomerNumber(customer.customerNumber);
  const withNumber = customerNumber
    ? candidates.filter((candidate) => normalizeCustomerNumber(candidate.customerNumber) === customerNumber)
    : [];
  const withBusinessId = businessId
    ? candidates.filter((candidate) => normalizeBusinessIdForMatch(candidate.businessId) === businessId)
    : [];

  if (businessId) {
    const exact = withBusinessId.find((candidate) => withNumber.includes(candidate));
    if (exact) return { kind: 'matched', partnerId: exact.id, rule: 'same business ID and customer number' };

    const numberConflict = withNumber.find(
      (candidate) => normalizeBusinessIdForMatch(candidate.businessId) !== businessId,
    );
    if (numberConflict) {
      return {
        kind: 'conflict',
        partnerId: numberConflict.id,
        message: `customer number ${customerNumber} belongs in Procountor to partner ${numberConflict.id} with business ID ${numberConflict.businessId ?? '(none)'}, not ${businessId}`,
      };
    }
    const sameBusinessId = withBusinessId[0];
    if (sameBusinessId && (settings.reuseCustomerWithSameBusinessId || !customerNumber)) {
      return { kind: 'matched', partnerId: sameBusinessId.id, rule: 'same business ID' };
    }
  } else if (withNumber[0]) {
    return { kind: 'matched', partnerId: withNumber[0].id, rule: 'same customer number (no business ID)' };
  }

  if (!settings.createCustomers) {
    return {
      kind: 'not-found',
      message: 'no matching business partner in Procountor, and creating customers is off for this connection',
    };
  }
  const rule =
    withBusinessId.length > 0
      ? 'same business ID with another customer number: new partner'
      : 'no partner found: new partner';
  return { kind: 'create', rule };
}
