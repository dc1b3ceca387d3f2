// Step 1: finds the customer's Procountor business partner by seed 002's rules, or creates one where allowed.
import type { ProcountorBusinessPartner, ProcountorBusinessPartnerBasicInfo } from '@procountor-bridge/client';
import {
  matchBusinessPartner,
  normalizeBusinessIdForMatch,
  type PartnerCandidate,
} from '../../business-partners/match-business-partner';
import { toProcountorCountry } from '../../sales-invoices/procountor-country';
import type { CustomerInput } from '../../sales-invoices/sales-invoice-schema';
import { TransferRuleError } from '../transfer-errors';
import type { StepContext } from './step-context';

function toCandidate(partner: ProcountorBusinessPartnerBasicInfo): PartnerCandidate | undefined {
  if (partner.id === undefined) return undefined;
  return {
    id: partner.id,
    businessId: partner.invoicingInfo?.identifier,
    customerNumber: partner.invoicingInfo?.customerNumber,
  };
}

/** Customers with the same business ID (identifier header, FACTS.md) or the same customer number. */
export async function findPartnerCandidates(
  client: StepContext['client'],
  customer: CustomerInput,
): Promise<PartnerCandidate[]> {
  const found = new Map<number, PartnerCandidate>();
  const add = (results: ProcountorBusinessPartnerBasicInfo[] | undefined) => {
    for (const result of results ?? []) {
      const candidate = toCandidate(result);
      if (candidate) found.set(candidate.id, candidate);
    }
  };
  const businessId = normalizeBusinessIdForMatch(customer.businessId);
  if (businessId) {
    add((await client.businessPartners.search({ identifier: businessId, type: 'CUSTOMER', size: 200 })).results);
  }
  if (customer.customerNumber) {
    add(
      (await client.businessPartners.search({ customerNumber: customer.customerNumber, type: 'CUSTOMER', size: 200 }))
        .results,
    );
  }
  return [...found.values()];
}

/** The partner Procountor gets for a new customer: name, address, business ID, customer number, invoicing channel. */
export function toProcountorPartner(customer: CustomerInput): ProcountorBusinessPartner {
  const businessId = normalizeBusinessIdForMatch(customer.businessId);
  return {
    type: 'CUSTOMER',
    name: customer.name,
    address: {
      name: customer.name,
      ...(customer.address.street ? { street: customer.address.street } : {}),
      ...(customer.address.postalCode ? { zip: customer.address.postalCode } : {}),
      ...(customer.address.city ? { city: customer.address.city } : {}),
      country: toProcountorCountry(customer.address.country ?? 'FI') as never,
    },
    invoicingInfo: {
      ...(businessId ? { identifier: businessId, identifierType: 'FI' } : {}),
      ...(customer.customerNumber ? { customerNumber: customer.customerNumber } : {}),
      ...(customer.email ? { email: customer.email } : {}),
      ...(customer.eInvoice
        ? { einvoiceAddress: customer.eInvoice.address, einvoiceOperator: customer.eInvoice.operator }
        : {}),
    },
    paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
  };
}

export async function resolveBusinessPartner(context: StepContext): Promise<void> {
  const { customer } = context.invoice;
  const { settings } = context.connection;
  const candidates = await findPartnerCandidates(context.client, customer);
  const match = matchBusinessPartner(customer, candidates, {
    createCustomers: settings.createCustomersInProcountor,
    reuseCustomerWithSameBusinessId: settings.reuseCustomerWithSameBusinessId,
  });
  if (match.kind === 'matched') {
    context.progress.partnerId = match.partnerId;
    context.progress.partnerRule = match.rule;
    context.note(`Customer ${customer.name} matched to Procountor partner ${match.partnerId} (${match.rule}).`, {
      partnerId: match.partnerId,
    });
    return;
  }
  if (match.kind === 'conflict') {
    // Seed 002 rule 3: same customer number, another business ID → no match and an error; no invoice is made.
    throw new TransferRuleError(
      'business_partner_conflict',
      `Customer ${customer.name} (business ID ${customer.businessId ?? 'none'}, customer number ${customer.customerNumber}) conflicts with Procountor partner ${match.partnerId}: ${match.message}.`,
      `Correct the customer number or business ID in the source, or in Procountor's partner ${match.partnerId}, then resend.`,
    );
  }
  if (match.kind === 'not-found') {
    throw new TransferRuleError(
      'business_partner_not_found',
      `Customer ${customer.name} is not in Procountor's business partner register and this connection does not create customers.`,
      'Add the customer in Procountor with the same business ID and customer number, or turn on "createCustomersInProcountor", then resend.',
    );
  }
  // A create whose answer was lost left the partner in Procountor: the search above found it and matched it then.
  context.progress.partnerCreateStarted = true;
  await context.saveProgress();
  const created = await context.client.businessPartners.create(toProcountorPartner(customer));
  context.progress.partnerId = created.id;
  context.progress.partnerRule = match.rule;
  context.note(`Customer ${customer.name} created in Procountor as partner ${created.id} (${match.rule}).`, {
    partnerId: created.id,
  });
}
