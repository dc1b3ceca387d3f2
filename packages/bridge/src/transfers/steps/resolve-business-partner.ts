// Step 1: finds the customer's Procountor business partner by business ID and customer number, or creates one where
// allowed. Order: the customer's link, then the synced register, then a Procountor search; what it finds becomes the
// link.
import type { ProcountorBusinessPartner, ProcountorBusinessPartnerBasicInfo } from '@procountor-bridge/client';
import { customerSourceKey } from '../../business-partners/customer-source-key';
import {
  matchBusinessPartner,
  normalizeBusinessIdForMatch,
  type PartnerCandidate,
  type PartnerMatch,
} from '../../business-partners/match-business-partner';
import { findLink, recordLinkIfFree, upsertSourceRecords } from '../../registers/register-links';
import {
  findPartnerRecords,
  findRecordByProcountorId,
  rememberRegisterRecord,
  syncedRegisters,
} from '../../registers/register-records';
import { partnerRecord } from '../../registers/to-register-record';
import { toProcountorCountry } from '../../sales-invoices/procountor-country';
import type { CustomerInput } from '../../sales-invoices/sales-invoice-schema';
import type { Database } from '../../storage/schema';
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
  /** Filled with the partners as Procountor answered them, by id. */
  seen?: Map<number, ProcountorBusinessPartnerBasicInfo>,
): Promise<PartnerCandidate[]> {
  const found = new Map<number, PartnerCandidate>();
  const add = (results: ProcountorBusinessPartnerBasicInfo[] | undefined) => {
    for (const result of results ?? []) {
      const candidate = toCandidate(result);
      if (candidate) found.set(candidate.id, candidate);
      if (candidate) seen?.set(candidate.id, result);
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

/** Candidates from the local copy of the register: active customers with the business ID or the customer number. */
async function localPartnerCandidates(context: StepContext, customer: CustomerInput): Promise<PartnerCandidate[]> {
  if (!context.db) return [];
  const records = await findPartnerRecords(context.db, context.connection.id, {
    businessId: normalizeBusinessIdForMatch(customer.businessId),
    customerNumber: customer.customerNumber,
  });
  return records
    .filter((record) => record.active && record.procountorId !== null && record.data.type === 'CUSTOMER')
    .map((record) => ({
      id: record.procountorId as number,
      businessId: record.identifier ?? undefined,
      customerNumber: record.code ?? undefined,
    }));
}

/** The partner a matching rule matched, kept in the progress with the rule, and said on the timeline. */
function takeMatch(context: StepContext, customer: CustomerInput, match: Extract<PartnerMatch, { kind: 'matched' }>) {
  context.progress.partnerId = match.partnerId;
  context.progress.partnerRule = match.rule;
  context.note(`Customer ${customer.name} matched to Procountor partner ${match.partnerId} (${match.rule}).`, {
    partnerId: match.partnerId,
  });
}

/** The source's customer as the linking page lists it (with its suggestions). */
async function rememberCustomer(db: Database, connectionId: string, customer: CustomerInput, sourceKey: string) {
  await upsertSourceRecords(db, connectionId, 'customer', [
    {
      sourceKey,
      name: customer.name,
      code: customer.customerNumber,
      identifier: normalizeBusinessIdForMatch(customer.businessId),
      data: customer as unknown as Record<string, unknown>,
    },
  ]);
}

/** The customer as the linking page shows it, and the link this transfer established; then the next one costs nothing. */
async function rememberPartner(
  context: StepContext,
  customer: CustomerInput,
  partner: ProcountorBusinessPartnerBasicInfo,
) {
  const { db } = context;
  const sourceKey = customerSourceKey(customer);
  if (!db || partner.id === undefined) return;
  await rememberRegisterRecord(
    db,
    context.connection.id,
    'business_partners',
    partnerRecord({ ...partner, name: partner.name ?? customer.name }),
  );
  if (!sourceKey) return;
  await rememberCustomer(db, context.connection.id, customer, sourceKey);
  await recordLinkIfFree(db, context.connection.id, {
    kind: 'customer',
    sourceKey,
    procountorId: partner.id,
    origin: 'transfer',
  });
}

function throwUnless(match: PartnerMatch, customer: CustomerInput): void {
  if (match.kind === 'conflict') {
    // Matching rule 3: same customer number, another business ID → no match and an error; no invoice is made.
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
}

export async function resolveBusinessPartner(context: StepContext): Promise<void> {
  const { customer } = context.invoice;
  const { settings } = context.connection;
  const matchSettings = {
    createCustomers: settings.createCustomersInProcountor,
    reuseCustomerWithSameBusinessId: settings.reuseCustomerWithSameBusinessId,
  };
  const sourceKey = customerSourceKey(customer);
  // 1. A link (made by hand on the linking page, accepted, or by an earlier transfer): no Procountor call.
  if (context.db && sourceKey && !context.progress.partnerCreateStarted) {
    const link = await findLink(context.db, context.connection.id, 'customer', sourceKey);
    const linked = link
      ? await findRecordByProcountorId(context.db, context.connection.id, 'business_partners', link.procountorId)
      : undefined;
    const businessId = normalizeBusinessIdForMatch(customer.businessId);
    if (link && businessId && linked?.identifier && linked.identifier !== businessId) {
      // Matching rule 3 outweighs a link: the linked partner has another business ID.
      throwUnless(
        {
          kind: 'conflict',
          partnerId: link.procountorId,
          message: `the customer is linked to it, but its business ID is ${linked.identifier}, not ${businessId}`,
        },
        customer,
      );
    }
    if (link) {
      context.progress.partnerId = link.procountorId;
      context.progress.partnerRule = `linked (${link.origin})`;
      context.note(`Customer ${customer.name} is linked to Procountor partner ${link.procountorId}.`, {
        partnerId: link.procountorId,
      });
      return;
    }
  }
  // Trackifi's troubleshooting table: "Invoice sync failing → check that the business partner is linked": with
  // requireCustomerLink only a link names the partner. The customer is recorded, so the linking page lists it with its
  // suggestions.
  if (settings.requireCustomerLink) {
    if (context.db && sourceKey) {
      await rememberCustomer(context.db, context.connection.id, customer, sourceKey);
    }
    throw new TransferRuleError(
      'customer_not_linked',
      `Customer ${customer.name} is not linked to a Procountor business partner, and this connection sends invoices only for linked customers.`,
      sourceKey
        ? 'Link the customer to its business partner on the linking page (…/customer-links), then resend.'
        : 'Give the customer a customer number or business ID in the source, link it on the linking page, then resend.',
    );
  }
  // 2. The synced register: a match there needs no call either. A conflict is final; "create" asks Procountor first,
  // as the copy may be older than a partner added in Procountor since the last sync.
  if (context.db && !context.progress.partnerCreateStarted) {
    const synced = await syncedRegisters(context.db, context.connection.id);
    if (synced.has('business_partners')) {
      const local = matchBusinessPartner(customer, await localPartnerCandidates(context, customer), matchSettings);
      throwUnless(local, customer);
      if (local.kind === 'matched') {
        takeMatch(context, customer, local);
        if (sourceKey) {
          await recordLinkIfFree(context.db, context.connection.id, {
            kind: 'customer',
            sourceKey,
            procountorId: local.partnerId,
            origin: 'transfer',
          });
        }
        return;
      }
    }
  }
  // 3. Procountor itself.
  const seen = new Map<number, ProcountorBusinessPartnerBasicInfo>();
  const candidates = await findPartnerCandidates(context.client, customer, seen);
  const match = matchBusinessPartner(customer, candidates, matchSettings);
  throwUnless(match, customer);
  if (match.kind === 'matched') {
    takeMatch(context, customer, match);
    await rememberPartner(
      context,
      customer,
      seen.get(match.partnerId) ?? { id: match.partnerId, name: customer.name, type: 'CUSTOMER' },
    );
    return;
  }
  if (match.kind !== 'create') return;
  // A create whose answer was lost left the partner in Procountor: the search above found it and matched it then.
  context.progress.partnerCreateStarted = true;
  await context.saveProgress();
  const created = await context.client.businessPartners.create(toProcountorPartner(customer));
  context.progress.partnerId = created.id;
  context.progress.partnerRule = match.rule;
  context.note(`Customer ${customer.name} created in Procountor as partner ${created.id} (${match.rule}).`, {
    partnerId: created.id,
  });
  await rememberPartner(context, customer, created as ProcountorBusinessPartnerBasicInfo);
}
