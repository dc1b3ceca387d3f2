// Batch GET by comma-separated ids (/businesspartners/{ids}, /products/{ids}, /invoices/{ids}, /ledgerreceipts/{ids}).
import { ProcountorApiError } from './procountor-error';

/** FACTS.md "Batch GET": up to 200 comma-separated ids; more → 400. */
export const MAX_BATCH_IDS = 200;

/** Parses "1,2,3" into ids; a non-numeric id or more than 200 ids answers 400 naming the path parameter. */
export function parseBatchIds(raw: string, field = 'id'): number[] {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw ProcountorApiError.badRequest(field, 'must not be empty');
  if (parts.length > MAX_BATCH_IDS) {
    throw ProcountorApiError.badRequest(
      field,
      `at most ${MAX_BATCH_IDS} ids may be requested at once, got ${parts.length}`,
    );
  }
  const bad = parts.find((part) => !/^\d+$/.test(part));
  if (bad !== undefined)
    throw ProcountorApiError.badRequest(field, `must be a comma-separated list of integer ids: '${bad}'`);
  return [...new Set(parts.map(Number))];
}

/**
 * Looks each id up; unknown ids are left out, and all unknown → 404 (FACTS.md "Batch GET").
 * One id answers the entity itself, several an array (assumption, README "Assumptions").
 */
export function findBatch<T>(ids: number[], lookup: (id: number) => T | undefined, what: string): T | T[] {
  const found = ids.map(lookup).filter((item): item is T => item !== undefined);
  if (found.length === 0) throw ProcountorApiError.notFound(what);
  return ids.length === 1 ? found[0]! : found;
}
