// What the checks before sending read of one connection's synced registers: straight from the database for a single
// document, or remembered for the length of one request, so that a batch of a thousand documents naming the same
// customers and products costs a handful of reads instead of five per document.
import type { Database } from '../storage/schema';
import type { SourceRecordKind } from '../storage/tables/register-tables';
import type { RegisterName } from './register-kinds';
import { findLinks, type RegisterLink } from './register-links';
import { findRecordsByCode, type RegisterRecord, syncedRegisters } from './register-records';

export interface RegisterReads {
  /** The registers synced at least once (a register never synced is not checked). */
  syncedRegisters(): Promise<Set<string>>;
  /** Records of one register whose code is one of `codes` (exact match). */
  recordsByCode(register: RegisterName, codes: readonly string[]): Promise<RegisterRecord[]>;
  /** Links of one kind whose source key is one of `sourceKeys`, by source key. */
  links(kind: SourceRecordKind, sourceKeys: readonly string[]): Promise<Map<string, RegisterLink>>;
  /** The codes of the company's VAT percentages register. */
  vatPercentageCodes(): Promise<string[]>;
}

/** Every read goes to the database: one document's checks. */
export function registerReadsOf(db: Database, connectionId: string): RegisterReads {
  return {
    syncedRegisters: () => syncedRegisters(db, connectionId),
    recordsByCode: (register, codes) => findRecordsByCode(db, connectionId, register, codes),
    links: (kind, sourceKeys) => findLinks(db, connectionId, kind, sourceKeys),
    async vatPercentageCodes() {
      const rows = await db
        .selectFrom('register_records')
        .select('code')
        .where('connection_id', '=', connectionId)
        .where('register', '=', 'vat_percentages')
        .execute();
      return rows.flatMap((row) => (row.code === null ? [] : [row.code]));
    },
  };
}

/**
 * Each answer read once and kept for the caller's lifetime: one batch request, whose documents are checked against
 * the registers as they stood when the request came (the same view a single transaction would give). Codes asked
 * for the first time are read together; codes asked before, found or not, are answered from memory.
 */
export function rememberedRegisterReads(db: Database, connectionId: string): RegisterReads {
  const direct = registerReadsOf(db, connectionId);
  let synced: Promise<Set<string>> | undefined;
  let vatCodes: Promise<string[]> | undefined;
  const records = new Map<string, Map<string, RegisterRecord[]>>();
  const links = new Map<string, Map<string, RegisterLink | null>>();

  return {
    syncedRegisters: () => {
      synced ??= direct.syncedRegisters();
      return synced;
    },
    vatPercentageCodes: () => {
      vatCodes ??= direct.vatPercentageCodes();
      return vatCodes;
    },
    async recordsByCode(register, codes) {
      const known = mapOf(records, register);
      const unknown = [...new Set(codes)].filter((code) => !known.has(code));
      if (unknown.length > 0) {
        for (const code of unknown) known.set(code, []);
        for (const record of await direct.recordsByCode(register, unknown)) {
          if (record.code !== null) known.get(record.code)?.push(record);
        }
      }
      return [...new Set(codes)].flatMap((code) => known.get(code) ?? []);
    },
    async links(kind, sourceKeys) {
      const known = mapOf(links, kind);
      const unknown = [...new Set(sourceKeys)].filter((key) => !known.has(key));
      if (unknown.length > 0) {
        const found = await direct.links(kind, unknown);
        for (const key of unknown) known.set(key, found.get(key) ?? null);
      }
      const answer = new Map<string, RegisterLink>();
      for (const key of sourceKeys) {
        const link = known.get(key);
        if (link) answer.set(key, link);
      }
      return answer;
    },
  };
}

function mapOf<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key);
  if (!map) {
    map = new Map();
    maps.set(key, map);
  }
  return map;
}
