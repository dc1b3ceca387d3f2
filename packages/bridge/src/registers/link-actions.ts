// What a person does on the linking page, for the API and the CLI alike: link by hand, accept or reject a
// suggestion, unlink, and auto-link what is above the threshold.
import { autoLinkCandidate } from '../business-partners/suggest-partner-matches';
import { BridgeError, NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { Database } from '../storage/schema';
import type { SourceRecordKind } from '../storage/tables/register-tables';
import { findSourceRecord, listLinkRows, REGISTER_OF, suggestLinks } from './link-suggestions';
import {
  addRejection,
  findLink,
  findLinkByProcountorId,
  type LinkToStore,
  type RegisterLink,
  removeLink,
  replaceLink,
} from './register-links';
import { findRecordByProcountorId } from './register-records';

const WORDS: Record<SourceRecordKind, { what: string; procountorWhat: string; linksPath: string }> = {
  customer: { what: 'customer', procountorWhat: 'business partner', linksPath: 'customer-links' },
  product: { what: 'product', procountorWhat: 'product', linksPath: 'product-links' },
};

async function requireSource(db: Database, connectionId: string, kind: SourceRecordKind, sourceKey: string) {
  const source = await findSourceRecord(db, connectionId, kind, sourceKey);
  if (!source) throw new NotFoundError(`${WORDS[kind].what} ${sourceKey}`);
  return source;
}

/** The Procountor record must be in the synced register and not linked to another source record (one to one). */
async function requireLinkable(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
  procountorId: number,
) {
  const record = await findRecordByProcountorId(db, connectionId, REGISTER_OF[kind], procountorId);
  if (!record) {
    throw new ValidationFailedError([
      {
        path: 'procountorId',
        rule: 'exists',
        message: `${WORDS[kind].procountorWhat} ${procountorId} is not in the synced register; sync the registers first`,
      },
    ]);
  }
  const holder = await findLinkByProcountorId(db, connectionId, kind, procountorId);
  if (holder && holder.sourceKey !== sourceKey) {
    throw new BridgeError(
      409,
      'link_conflict',
      `${WORDS[kind].procountorWhat} ${procountorId} is already linked to ${WORDS[kind].what} ${holder.sourceKey}; unlink that one first.`,
      [{ path: 'procountorId', rule: 'one_to_one', message: `linked to ${holder.sourceKey}` }],
    );
  }
  return record;
}

async function requireLink(db: Database, connectionId: string, kind: SourceRecordKind, sourceKey: string) {
  const link = await findLink(db, connectionId, kind, sourceKey);
  if (!link) throw new NotFoundError(`The link of ${WORDS[kind].what} ${sourceKey}`);
  return link;
}

/** Stores the link in place of any the source record had, and answers it as stored. */
async function saveLink(db: Database, connectionId: string, link: LinkToStore) {
  await replaceLink(db, connectionId, link);
  return requireLink(db, connectionId, link.kind, link.sourceKey);
}

export async function linkByHand(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
  procountorId: number,
): Promise<RegisterLink> {
  await requireSource(db, connectionId, kind, sourceKey);
  await requireLinkable(db, connectionId, kind, sourceKey, procountorId);
  return saveLink(db, connectionId, { kind, sourceKey, procountorId, origin: 'manual' });
}

export async function acceptSuggestion(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
  procountorId: number,
): Promise<RegisterLink> {
  const source = await requireSource(db, connectionId, kind, sourceKey);
  await requireLinkable(db, connectionId, kind, sourceKey, procountorId);
  const suggestion = (await suggestLinks(db, connectionId, kind, source, 50)).find(
    (candidate) => candidate.procountorId === procountorId,
  );
  if (!suggestion) {
    throw new ValidationFailedError([
      {
        path: 'procountorId',
        rule: 'suggested',
        message: `${WORDS[kind].procountorWhat} ${procountorId} is not a suggestion for ${sourceKey}; link it by hand with POST …/${WORDS[kind].linksPath}`,
      },
    ]);
  }
  return saveLink(db, connectionId, {
    kind,
    sourceKey,
    procountorId,
    origin: 'accepted_suggestion',
    score: suggestion.score,
  });
}

export async function rejectSuggestion(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
  sourceKey: string,
  procountorId: number,
): Promise<void> {
  await requireSource(db, connectionId, kind, sourceKey);
  await addRejection(db, connectionId, kind, sourceKey, procountorId);
}

export async function unlink(db: Database, connectionId: string, kind: SourceRecordKind, sourceKey: string) {
  if (!(await removeLink(db, connectionId, kind, sourceKey))) {
    throw new NotFoundError(`The link of ${WORDS[kind].what} ${sourceKey}`);
  }
}

/**
 * Links every unlinked record whose best suggestion passes autoLinkCandidate (≥ 0.9, no second within 0.05), each
 * Procountor record at most once. Pages through all records (a list linking does not change under us).
 */
export async function autoLink(
  db: Database,
  connectionId: string,
  kind: SourceRecordKind,
): Promise<{ linked: RegisterLink[]; left: number }> {
  const linked: RegisterLink[] = [];
  let left = 0;
  const taken = new Set<number>();
  for (let page = 0; ; page += 1) {
    const { results } = await listLinkRows(db, connectionId, kind, { status: 'all', page, size: 200 });
    for (const row of results) {
      if (row.link) continue;
      const best = autoLinkCandidate(row.suggestions);
      if (!best || taken.has(best.procountorId)) {
        left += 1;
        continue;
      }
      taken.add(best.procountorId);
      linked.push(
        await saveLink(db, connectionId, {
          kind,
          sourceKey: row.sourceKey,
          procountorId: best.procountorId,
          origin: 'accepted_suggestion',
          score: best.score,
        }),
      );
    }
    if (results.length < 200) break;
  }
  return { linked, left };
}
