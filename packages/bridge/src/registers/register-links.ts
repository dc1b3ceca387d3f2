// Links between the source's customers/products and Procountor's partners/products, and the source records themselves.
import type { Database } from '../storage/schema';
import type { RegisterLinksTable, SourceRecordKind } from '../storage/tables/register-tables';
import { foldSearchText } from './fold-search-text';

export type LinkOrigin = RegisterLinksTable['origin'];

export interface RegisterLink {
  kind: SourceRecordKind;
  sourceKey: string;
  procountorId: number;
  origin: LinkOrigin;
  score: number | null;
  createdAt: string;
}

export interface SourceRecordInput {
  sourceKey: string;
  name: string;
  code?: string | null | undefined;
  identifier?: string | null | undefined;
  data: Record<string, unknown>;
}

function toLink(row: {
  kind: SourceRecordKind;
  source_key: string;
  procountor_id: string;
  origin: LinkOrigin;
  score: number | null;
  created_at: Date;
}): RegisterLink {
  return {
    kind: row.kind,
    sourceKey: row.source_key,
    procountorId: Number(row.procountor_id),
    origin: row.origin,
    score: row.score === null ? null : Number(row.score),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The connection's links of one kind: every look-up below narrows this. */
function linksOfKind(db: Database, connectionId: string, kind: SourceRecordKind) {
  return db.selectFrom('register_links').selectAll().where('connection_id', '=', connectionId).where('kind', '=', kind);
}

export async function findLink(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
): Promise<RegisterLink | undefined> {
  const row = await linksOfKind(db, connectionId, kind).where('source_key', '=', sourceKey).executeTakeFirst();
  return row ? toLink(row) : undefined;
}

export async function findLinks(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKeys: readonly string[],
): Promise<Map<string, RegisterLink>> {
  if (sourceKeys.length === 0) return new Map();
  const rows = await linksOfKind(db, connectionId, kind)
    .where('source_key', 'in', [...new Set(sourceKeys)])
    .execute();
  return new Map(rows.map((row) => [row.source_key, toLink(row)]));
}

/** The link that holds this Procountor record, if any (one source record per Procountor record). */
export async function findLinkByProcountorId(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  procountorId: number,
): Promise<RegisterLink | undefined> {
  const row = await linksOfKind(db, connectionId, kind)
    .where('procountor_id', '=', String(procountorId))
    .executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** A link as a transfer, a person or auto-linking decides it. */
export interface LinkToStore {
  kind: SourceRecordKind;
  sourceKey: string;
  procountorId: number;
  origin: LinkOrigin;
  score?: number | null | undefined;
}

function toLinkRow(connectionId: string, link: LinkToStore) {
  return {
    connection_id: connectionId,
    kind: link.kind,
    source_key: link.sourceKey,
    procountor_id: link.procountorId,
    origin: link.origin,
    score: link.score ?? null,
  };
}

/**
 * Records a link a transfer established. Keeps an existing link of the source record, and does nothing when the
 * Procountor record is already linked to another source record (links are one to one).
 */
export async function recordLinkIfFree(
  db: Database,
  connectionId: string,
  link: LinkToStore & { score?: number },
): Promise<boolean> {
  const result = await db
    .insertInto('register_links')
    .values(toLinkRow(connectionId, link))
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Replaces the source record's link (a user's decision wins over what a transfer recorded). */
export async function replaceLink(db: Database, connectionId: string, link: LinkToStore): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await removeLink(trx, connectionId, link.kind, link.sourceKey);
    await trx.insertInto('register_links').values(toLinkRow(connectionId, link)).execute();
  });
}

export async function removeLink(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('register_links')
    .where('connection_id', '=', connectionId)
    .where('kind', '=', kind)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stores (or refreshes) the source's own customers or products, as it sent them. */
export async function upsertSourceRecords(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  records: readonly SourceRecordInput[],
): Promise<void> {
  if (records.length === 0) return;
  const byKey = new Map(records.map((record) => [record.sourceKey, record]));
  await db
    .insertInto('source_records')
    .values(
      [...byKey.values()].map((record) => ({
        connection_id: connectionId,
        kind,
        source_key: record.sourceKey,
        name: record.name,
        code: record.code ?? null,
        identifier: record.identifier ?? null,
        search_text: foldSearchText(record.name, record.code, record.identifier),
        data: JSON.stringify(record.data),
        updated_at: new Date(),
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['connection_id', 'kind', 'source_key']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        code: eb.ref('excluded.code'),
        identifier: eb.ref('excluded.identifier'),
        search_text: eb.ref('excluded.search_text'),
        data: eb.ref('excluded.data'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function addRejection(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
  procountorId: number,
): Promise<void> {
  await db
    .insertInto('register_link_rejections')
    .values({ connection_id: connectionId, kind, source_key: sourceKey, procountor_id: procountorId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}
