// The linking page's data: source customers/products with their link or ranked suggestions from the synced register.

import { sql } from 'kysely';
import { normalizeCompanyName } from '../business-partners/normalize-company-name';
import { suggestPartnerMatches } from '../business-partners/suggest-partner-matches';
import { suggestProductMatches } from '../products/suggest-product-matches';
import { containsPattern } from '../storage/contains-pattern';
import type { Database } from '../storage/schema';
import type { SourceRecordKind } from '../storage/tables/register-tables';
import { foldSearchText } from './fold-search-text';
import type { RegisterLink } from './register-links';
import { RECORD_COLUMNS, type RegisterRecord, toRegisterRecord } from './register-records';

export interface SourceRecord {
  sourceKey: string;
  name: string;
  code: string | null;
  identifier: string | null;
  data: Record<string, unknown>;
}

export interface LinkSuggestion {
  procountorId: number;
  score: number;
  reason: string;
  nameSimilarity: number;
  record: Pick<RegisterRecord, 'name' | 'code' | 'identifier' | 'active'>;
}

export interface LinkRow {
  sourceKey: string;
  source: { name: string; code: string | null; identifier: string | null };
  link: (RegisterLink & { record: LinkSuggestion['record'] | null }) | null;
  suggestions: LinkSuggestion[];
}

export const REGISTER_OF: Record<SourceRecordKind, 'business_partners' | 'products'> = {
  customer: 'business_partners',
  product: 'products',
};

/**
 * Word fragments a candidate's search text must contain one of: the first four letters of each word of the
 * normalised name, so a typo later in a word ("Auringo") still finds "Aurinko" (a prefilter, ranked afterwards).
 */
function nameFragments(kind: SourceRecordKind, name: string): string[] {
  const normalized = kind === 'customer' ? normalizeCompanyName(name) : foldSearchText(name);
  return [
    ...new Set(
      normalized
        .split(' ')
        .filter((word) => word.length >= 2)
        .map((word) => word.slice(0, 4)),
    ),
  ];
}

const pick = (record: RegisterRecord) => ({
  name: record.name,
  code: record.code,
  identifier: record.identifier,
  active: record.active,
});

/** Ranked suggestions for one source record, leaving out rejected pairs and records linked to someone else. */
export async function suggestLinks(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  source: SourceRecord,
  limit = 5,
): Promise<LinkSuggestion[]> {
  const fragments = nameFragments(kind, source.name);
  const rows = await db
    .selectFrom('register_records as r')
    .select(RECORD_COLUMNS)
    .where('r.connection_id', '=', connectionId)
    .where('r.register', '=', REGISTER_OF[kind])
    .where('r.active', '=', true)
    .where((eb) =>
      eb.or([
        ...(source.code ? [eb('r.code', '=', source.code)] : []),
        ...(source.identifier ? [eb('r.identifier', '=', source.identifier)] : []),
        ...fragments.map((fragment) => eb('r.search_text', 'like', containsPattern(fragment))),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('register_link_rejections as j')
            .select(sql`1`.as('one'))
            .where('j.connection_id', '=', connectionId)
            .where('j.kind', '=', kind)
            .where('j.source_key', '=', source.sourceKey)
            .whereRef('j.procountor_id', '=', 'r.procountor_id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('register_links as l')
            .select(sql`1`.as('one'))
            .where('l.connection_id', '=', connectionId)
            .where('l.kind', '=', kind)
            .where('l.source_key', '!=', source.sourceKey)
            .whereRef('l.procountor_id', '=', 'r.procountor_id'),
        ),
      ),
    )
    .limit(500)
    .execute();
  const records = rows.map(toRegisterRecord).filter((record) => record.procountorId !== null);
  // Persons are business partners too (contract), but a source customer is linked to a customer.
  const candidates = kind === 'customer' ? records.filter((record) => record.data.type === 'CUSTOMER') : records;
  const byId = new Map(candidates.map((record) => [record.procountorId as number, record]));
  const ranked =
    kind === 'customer'
      ? suggestPartnerMatches(
          { name: source.name, businessId: source.identifier, customerNumber: source.code },
          candidates.map((record) => ({
            id: record.procountorId as number,
            name: record.name,
            businessId: record.identifier,
            customerNumber: record.code,
          })),
          limit,
        )
      : suggestProductMatches(
          { code: source.code ?? source.sourceKey, name: source.name },
          candidates.map((record) => ({ id: record.procountorId as number, name: record.name, code: record.code })),
          limit,
        );
  return ranked.map((suggestion) => ({
    ...suggestion,
    record: pick(byId.get(suggestion.procountorId) as RegisterRecord),
  }));
}

export interface LinkListQuery {
  status: 'all' | 'linked' | 'unlinked';
  search?: string | undefined;
  page: number;
  size: number;
}

/** One page of the source's records with their link, or (when unlinked) their suggestions. */
export async function listLinkRows(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  query: LinkListQuery,
): Promise<{ results: LinkRow[]; total: number }> {
  let base = db
    .selectFrom('source_records as s')
    .leftJoin('register_links as l', (join) =>
      join
        .onRef('l.connection_id', '=', 's.connection_id')
        .onRef('l.kind', '=', 's.kind')
        .onRef('l.source_key', '=', 's.source_key'),
    )
    .where('s.connection_id', '=', connectionId)
    .where('s.kind', '=', kind);
  if (query.status === 'linked') base = base.where('l.procountor_id', 'is not', null);
  if (query.status === 'unlinked') base = base.where('l.procountor_id', 'is', null);
  for (const word of foldSearchText(query.search).split(' ').filter(Boolean)) {
    base = base.where('s.search_text', 'like', containsPattern(word));
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        's.source_key',
        's.name',
        's.code',
        's.identifier',
        's.data',
        'l.procountor_id',
        'l.origin',
        'l.score',
        'l.created_at',
      ])
      .orderBy('s.name')
      .orderBy('s.source_key')
      .limit(query.size)
      .offset(query.page * query.size)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const linkedIds = rows.filter((row) => row.procountor_id !== null).map((row) => String(row.procountor_id));
  const linkedRecords =
    linkedIds.length === 0
      ? []
      : await db
          .selectFrom('register_records')
          .select(['procountor_id', 'name', 'code', 'identifier', 'active'])
          .where('connection_id', '=', connectionId)
          .where('register', '=', REGISTER_OF[kind])
          .where('procountor_id', 'in', linkedIds)
          .execute();
  const results: LinkRow[] = [];
  for (const row of rows) {
    const source: SourceRecord = {
      sourceKey: row.source_key,
      name: row.name,
      code: row.code,
      identifier: row.identifier,
      data: row.data,
    };
    const linkedRecord = linkedRecords.find((record) => record.procountor_id === row.procountor_id);
    results.push({
      sourceKey: row.source_key,
      source: { name: row.name, code: row.code, identifier: row.identifier },
      link:
        row.procountor_id === null
          ? null
          : {
              kind,
              sourceKey: row.source_key,
              procountorId: Number(row.procountor_id),
              origin: row.origin as RegisterLink['origin'],
              score: row.score === null ? null : Number(row.score),
              createdAt: new Date(row.created_at as Date).toISOString(),
              record: linkedRecord
                ? {
                    name: linkedRecord.name,
                    code: linkedRecord.code,
                    identifier: linkedRecord.identifier,
                    active: linkedRecord.active,
                  }
                : null,
            },
      suggestions: row.procountor_id === null ? await suggestLinks(db, connectionId, kind, source) : [],
    });
  }
  return { results, total: Number(total.count) };
}

export async function findSourceRecord(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
): Promise<SourceRecord | undefined> {
  const row = await db
    .selectFrom('source_records')
    .select(['source_key', 'name', 'code', 'identifier', 'data'])
    .where('connection_id', '=', connectionId)
    .where('kind', '=', kind)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row
    ? { sourceKey: row.source_key, name: row.name, code: row.code, identifier: row.identifier, data: row.data }
    : undefined;
}
