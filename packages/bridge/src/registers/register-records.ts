// The stored copy of Procountor's registers: upserting a synced page, listing with search and paging, lookups.

import { maskPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { sql } from 'kysely';
import { containsPattern } from '../storage/contains-pattern';
import type { Database } from '../storage/schema';
import { foldSearchText } from './fold-search-text';
import type { RegisterName } from './register-kinds';

/** One record of one register, as fetch-register.ts builds it from Procountor's answer. */
export interface RegisterRecordInput {
  recordKey: string;
  procountorId: number | null;
  code: string | null;
  name: string;
  identifier: string | null;
  active: boolean;
  version: string | null;
  data: Record<string, unknown>;
}

/** A stored record: what was synced, with its register and when it was last seen in Procountor. */
export interface RegisterRecord extends RegisterRecordInput {
  register: string;
  syncedAt: string;
}

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Active before, inactive now. */
  inactivated: number;
}

/** JSON with keys sorted, so jsonb's own key order does not make an unchanged record look changed. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function isUnchanged(
  existing: { version: string | null; data: unknown; active: boolean },
  record: RegisterRecordInput,
) {
  if (existing.active !== record.active) return false;
  // Procountor raises the version on every change (contract `version`): equal versions mean the same record.
  if (existing.version && record.version) return existing.version === record.version;
  return stableJson(existing.data) === stableJson(record.data);
}

/**
 * Stores one page: new records inserted, changed ones replaced, unchanged ones only touched (`synced_at`, which a
 * full sync uses to find records Procountor no longer has).
 */
export async function upsertRegisterPage(
  db: Database,
  connectionId: string,
  register: RegisterName,
  records: readonly RegisterRecordInput[],
): Promise<PageCounts> {
  const counts: PageCounts = { created: 0, updated: 0, unchanged: 0, inactivated: 0 };
  if (records.length === 0) return counts;
  // The last one wins when a page repeats a key (an item listed in two passes).
  const byKey = new Map(records.map((record) => [record.recordKey, record]));
  const existing = await db
    .selectFrom('register_records')
    .select(['record_key', 'version', 'data', 'active'])
    .where('connection_id', '=', connectionId)
    .where('register', '=', register)
    .where('record_key', 'in', [...byKey.keys()])
    .execute();
  const existingByKey = new Map(existing.map((row) => [row.record_key, row]));
  const toWrite: RegisterRecordInput[] = [];
  const untouched: string[] = [];
  for (const record of byKey.values()) {
    const current = existingByKey.get(record.recordKey);
    if (!current) {
      counts.created += 1;
      toWrite.push(record);
    } else if (isUnchanged(current, record)) {
      counts.unchanged += 1;
      untouched.push(record.recordKey);
    } else {
      counts.updated += 1;
      if (current.active && !record.active) counts.inactivated += 1;
      toWrite.push(record);
    }
  }
  if (toWrite.length > 0) {
    await db
      .insertInto('register_records')
      .values(
        toWrite.map((record) => ({
          connection_id: connectionId,
          register,
          record_key: record.recordKey,
          procountor_id: record.procountorId,
          code: record.code,
          name: record.name,
          identifier: record.identifier,
          search_text: foldSearchText(record.name, record.code, record.identifier),
          active: record.active,
          version: record.version,
          data: JSON.stringify(record.data),
          synced_at: sql<Date>`now()`,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['connection_id', 'register', 'record_key']).doUpdateSet((eb) => ({
          procountor_id: eb.ref('excluded.procountor_id'),
          code: eb.ref('excluded.code'),
          name: eb.ref('excluded.name'),
          identifier: eb.ref('excluded.identifier'),
          search_text: eb.ref('excluded.search_text'),
          active: eb.ref('excluded.active'),
          version: eb.ref('excluded.version'),
          data: eb.ref('excluded.data'),
          synced_at: eb.ref('excluded.synced_at'),
        })),
      )
      .execute();
  }
  if (untouched.length > 0) {
    await db
      .updateTable('register_records')
      .set({ synced_at: sql<Date>`now()` })
      .where('connection_id', '=', connectionId)
      .where('register', '=', register)
      .where('record_key', 'in', untouched)
      .execute();
  }
  return counts;
}

/** After a full read: removes the records Procountor no longer listed (not touched since `since`). */
export async function removeRecordsNotSyncedSince(
  db: Database,
  connectionId: string,
  register: RegisterName,
  since: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('register_records')
    .where('connection_id', '=', connectionId)
    .where('register', '=', register)
    .where('synced_at', '<', since)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

type RecordRow = {
  register: string;
  record_key: string;
  procountor_id: string | null;
  code: string | null;
  name: string;
  identifier: string | null;
  active: boolean;
  version: string | null;
  data: Record<string, unknown>;
  synced_at: Date;
};

export function toRegisterRecord(row: RecordRow): RegisterRecord {
  return {
    register: row.register,
    recordKey: row.record_key,
    procountorId: row.procountor_id === null ? null : Number(row.procountor_id),
    code: row.code,
    name: row.name,
    identifier: row.identifier,
    active: row.active,
    version: row.version,
    data: row.data,
    syncedAt: new Date(row.synced_at).toISOString(),
  };
}

/** A personal identity code is shown as "******123A": enough to recognise, not to copy (checks run in the bridge). */
export function maskPersonIdentifier(record: RegisterRecord): RegisterRecord {
  if (record.register !== 'persons' || !record.identifier) return record;
  const masked = maskPersonalIdentityCode(record.identifier);
  const data = { ...record.data };
  const invoicingInfo = data.invoicingInfo as Record<string, unknown> | undefined;
  if (invoicingInfo?.identifier) data.invoicingInfo = { ...invoicingInfo, identifier: masked };
  return { ...record, identifier: masked, data };
}

/** The columns toRegisterRecord reads. */
export const RECORD_COLUMNS = [
  'register',
  'record_key',
  'procountor_id',
  'code',
  'name',
  'identifier',
  'active',
  'version',
  'data',
  'synced_at',
] as const;

export interface RecordQuery {
  /** Words matched in name, code and identifier (case, accents and Nordic letters ignored). */
  search?: string | undefined;
  code?: string | undefined;
  active?: boolean | undefined;
  /** Dimension items: only this dimension (by name, case-insensitive). */
  dimensionName?: string | undefined;
  /** Business partners: CUSTOMER, SUPPLIER or PERSON. */
  type?: string | undefined;
  /** Business partners and products: only those linked (true) or not linked (false) to a source record. */
  linked?: boolean | undefined;
  page: number;
  size: number;
}

/** The source record kind linked to each linkable register. */
export const LINK_KIND_OF: Partial<Record<RegisterName, 'customer' | 'product'>> = {
  business_partners: 'customer',
  products: 'product',
};

/** One page of a register, ordered by name, with the total count. */
export async function listRegisterRecords(
  db: Database,
  connectionId: string,
  register: RegisterName,
  query: RecordQuery,
): Promise<{ results: RegisterRecord[]; total: number }> {
  let base = db
    .selectFrom('register_records')
    .where('connection_id', '=', connectionId)
    .where('register', '=', register);
  for (const word of foldSearchText(query.search).split(' ').filter(Boolean)) {
    base = base.where('search_text', 'like', containsPattern(word));
  }
  if (query.code !== undefined) base = base.where('code', '=', query.code);
  if (query.active !== undefined) base = base.where('active', '=', query.active);
  if (query.dimensionName !== undefined) {
    base = base.where(sql`lower(identifier)`, '=', query.dimensionName.toLowerCase());
  }
  if (query.type !== undefined) base = base.where(sql`data->>'type'`, '=', query.type);
  const linkKind = LINK_KIND_OF[register];
  if (query.linked !== undefined && linkKind) {
    const linkedHere = sql<boolean>`exists (select 1 from register_links l
      where l.connection_id = register_records.connection_id and l.kind = ${linkKind}
        and l.procountor_id = register_records.procountor_id)`;
    base = base.where(query.linked ? linkedHere : sql<boolean>`not ${linkedHere}`);
  }
  const [rows, total] = await Promise.all([
    base
      .select(RECORD_COLUMNS)
      .orderBy('name')
      .orderBy('record_key')
      .limit(query.size)
      .offset(query.page * query.size)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toRegisterRecord), total: Number(total.count) };
}

/** The stored records of one register of the connection: every look-up below narrows this. */
function recordsOf(db: Database, connectionId: string, register: RegisterName) {
  return db
    .selectFrom('register_records')
    .select(RECORD_COLUMNS)
    .where('connection_id', '=', connectionId)
    .where('register', '=', register);
}

/** Records of one register whose code is one of `codes` (product codes, account codes, item code names…). */
export async function findRecordsByCode(
  db: Database,
  connectionId: string,
  register: RegisterName,
  codes: readonly string[],
): Promise<RegisterRecord[]> {
  if (codes.length === 0) return [];
  const rows = await recordsOf(db, connectionId, register)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return rows.map(toRegisterRecord);
}

export async function findRecordByProcountorId(
  db: Database,
  connectionId: string,
  register: RegisterName,
  procountorId: number,
): Promise<RegisterRecord | undefined> {
  const row = await recordsOf(db, connectionId, register)
    .where('procountor_id', '=', String(procountorId))
    .executeTakeFirst();
  return row ? toRegisterRecord(row) : undefined;
}

/** Business partners with this business ID or customer number (the matching rules' candidates). */
export async function findPartnerRecords(
  db: Database,
  connectionId: string,
  identity: { businessId?: string | undefined; customerNumber?: string | undefined },
): Promise<RegisterRecord[]> {
  if (!identity.businessId && !identity.customerNumber) return [];
  const rows = await recordsOf(db, connectionId, 'business_partners')
    .where((eb) =>
      eb.or([
        ...(identity.businessId ? [eb('identifier', '=', identity.businessId)] : []),
        ...(identity.customerNumber ? [eb('code', '=', identity.customerNumber)] : []),
      ]),
    )
    .execute();
  return rows.map(toRegisterRecord);
}

/** Inserts or replaces one record at once (a partner or product the bridge just created or changed in Procountor). */
export async function rememberRegisterRecord(
  db: Database,
  connectionId: string,
  register: RegisterName,
  record: RegisterRecordInput,
): Promise<void> {
  await upsertRegisterPage(db, connectionId, register, [record]);
}

/** True once the register has been synced for this connection: checks apply only then. */
export async function syncedRegisters(db: Database, connectionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('register_sync_state')
    .select('register')
    .where('connection_id', '=', connectionId)
    .where('last_synced_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.register));
}
