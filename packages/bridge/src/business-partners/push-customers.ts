// Creates or updates the source's customers in Procountor under the business partner matching rules, and links them.
import type { ProcountorBusinessPartner, ProcountorBusinessPartnerBasicInfo } from '@procountor-bridge/client';
import type { ConnectionRecord } from '../connections/connection-record';
import { findLink, recordLinkIfFree, replaceLink, upsertSourceRecords } from '../registers/register-links';
import { findPartnerRecords, rememberRegisterRecord, syncedRegisters } from '../registers/register-records';
import { partnerRecord } from '../registers/to-register-record';
import type { CustomerInput } from '../sales-invoices/sales-invoice-schema';
import type { Database } from '../storage/schema';
import { findPartnerCandidates, toProcountorPartner } from '../transfers/steps/resolve-business-partner';
import { customerSourceKey } from './customer-source-key';
import { matchBusinessPartner, normalizeBusinessIdForMatch, type PartnerCandidate } from './match-business-partner';

export type PushOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface PushResult {
  sourceKey: string;
  outcome: PushOutcome;
  procountorId?: number;
  /** Why it failed, and how to fix it; or which rule matched. */
  message?: string;
}

interface PushContext {
  db: Database;
  connection: ConnectionRecord;
  client: Awaited<ReturnType<import('../connections/connection-record').ConnectionService['procountorClient']>>;
}

/** The fields the bridge owns on a partner it pushes; anything else a user set in Procountor is left as it is. */
function changesFor(
  customer: CustomerInput,
  current: ProcountorBusinessPartner,
): ProcountorBusinessPartner | undefined {
  const wanted = toProcountorPartner(customer);
  const differs =
    current.name !== wanted.name ||
    (['street', 'zip', 'city'] as const).some(
      (field) => (current.address?.[field] ?? '') !== (wanted.address?.[field] ?? ''),
    ) ||
    (['email', 'einvoiceAddress', 'einvoiceOperator'] as const).some(
      (field) => (current.invoicingInfo?.[field] ?? '') !== (wanted.invoicingInfo?.[field] ?? ''),
    );
  if (!differs) return undefined;
  return {
    type: current.type,
    name: wanted.name,
    address: { ...current.address, ...wanted.address },
    invoicingInfo: { ...current.invoicingInfo, ...wanted.invoicingInfo },
  } as ProcountorBusinessPartner;
}

async function candidatesFor(context: PushContext, customer: CustomerInput): Promise<PartnerCandidate[]> {
  const { db, connection } = context;
  if ((await syncedRegisters(db, connection.id)).has('business_partners')) {
    const records = await findPartnerRecords(db, connection.id, {
      businessId: normalizeBusinessIdForMatch(customer.businessId),
      customerNumber: customer.customerNumber,
    });
    const local = records
      .filter((record) => record.active && record.procountorId !== null && record.data.type === 'CUSTOMER')
      .map((record) => ({
        id: record.procountorId as number,
        businessId: record.identifier ?? undefined,
        customerNumber: record.code ?? undefined,
      }));
    // The copy may miss a partner added in Procountor since the last sync: ask Procountor when it knows none.
    if (local.length > 0) return local;
  }
  return findPartnerCandidates(context.client, customer);
}

async function remember(context: PushContext, partner: ProcountorBusinessPartner) {
  if (partner.id === undefined) return;
  await rememberRegisterRecord(
    context.db,
    context.connection.id,
    'business_partners',
    partnerRecord(partner as ProcountorBusinessPartnerBasicInfo),
  );
}

/** One customer: its link, else the matching rules (created where no partner matches; a conflict is reported). */
export async function pushCustomer(context: PushContext, customer: CustomerInput): Promise<PushResult> {
  const { db, connection, client } = context;
  const sourceKey = customerSourceKey(customer) as string;
  await upsertSourceRecords(db, connection.id, 'customer', [
    {
      sourceKey,
      name: customer.name,
      code: customer.customerNumber,
      identifier: normalizeBusinessIdForMatch(customer.businessId),
      data: customer as unknown as Record<string, unknown>,
    },
  ]);
  let partnerId = (await findLink(db, connection.id, 'customer', sourceKey))?.procountorId;
  let rule = 'linked';
  if (partnerId === undefined) {
    const match = matchBusinessPartner(customer, await candidatesFor(context, customer), {
      createCustomers: true,
      reuseCustomerWithSameBusinessId: connection.settings.reuseCustomerWithSameBusinessId,
    });
    if (match.kind === 'conflict') {
      return {
        sourceKey,
        outcome: 'failed',
        message: `${match.message}; correct the customer number or business ID in the source or in Procountor's partner ${match.partnerId}`,
      };
    }
    if (match.kind === 'create' || match.kind === 'not-found') {
      const created = await client.businessPartners.create(toProcountorPartner(customer));
      await remember(context, created);
      await replaceLink(db, connection.id, {
        kind: 'customer',
        sourceKey,
        procountorId: created.id as number,
        origin: 'created',
      });
      return {
        sourceKey,
        outcome: 'created',
        procountorId: created.id as number,
        message: match.kind === 'create' ? match.rule : 'no partner found: new partner',
      };
    }
    partnerId = match.partnerId;
    rule = match.rule;
    await recordLinkIfFree(db, connection.id, {
      kind: 'customer',
      sourceKey,
      procountorId: partnerId,
      origin: 'transfer',
    });
  }
  const current = await client.businessPartners.get(partnerId);
  // A link does not outweigh matching rule 3: a partner with another business ID is a conflict, not this customer.
  const currentBusinessId = normalizeBusinessIdForMatch(current.invoicingInfo?.identifier);
  const businessId = normalizeBusinessIdForMatch(customer.businessId);
  if (businessId && currentBusinessId && businessId !== currentBusinessId) {
    return {
      sourceKey,
      outcome: 'failed',
      procountorId: partnerId,
      message: `customer ${sourceKey} is linked to Procountor partner ${partnerId} with business ID ${currentBusinessId}, not ${businessId}; correct the business ID, or unlink and push again`,
    };
  }
  const changes = changesFor(customer, current);
  if (!changes) {
    await remember(context, current);
    return { sourceKey, outcome: 'unchanged', procountorId: partnerId, message: rule };
  }
  const updated = await client.businessPartners.patch(partnerId, changes, { version: current.version as string });
  await remember(context, updated as ProcountorBusinessPartner);
  return { sourceKey, outcome: 'updated', procountorId: partnerId, message: rule };
}
