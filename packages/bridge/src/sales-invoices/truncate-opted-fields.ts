// Cuts the fields a connection opted to truncate (setting truncateFields) to Procountor's limits, before validation.
import {
  MAX_CITY_CHARS,
  MAX_CUSTOMER_NAME_CHARS,
  MAX_ORDER_REFERENCE_CHARS,
  MAX_STREET_CHARS,
  type TruncatableField,
} from './field-limits';

/**
 * Fields whose limit the schema itself enforces, with where they live. contactPerson, additionalInformation and
 * rows.description are combined or derived values: the mapping cuts those (to-procountor-invoice.ts).
 */
const SCHEMA_LIMITED: Partial<Record<TruncatableField, { path: readonly string[]; maxChars: number }>> = {
  'customer.name': { path: ['customer', 'name'], maxChars: MAX_CUSTOMER_NAME_CHARS },
  'customer.address.street': { path: ['customer', 'address', 'street'], maxChars: MAX_STREET_CHARS },
  'customer.address.city': { path: ['customer', 'address', 'city'], maxChars: MAX_CITY_CHARS },
  orderReference: { path: ['orderReference'], maxChars: MAX_ORDER_REFERENCE_CHARS },
};

/** A copy of the document with each opted field cut to its limit; anything not a string is left for validation. */
export function truncateOptedFields(document: unknown, fields: readonly TruncatableField[]): unknown {
  if (!document || typeof document !== 'object' || fields.length === 0) return document;
  const copy = structuredClone(document) as Record<string, unknown>;
  for (const field of fields) {
    const rule = SCHEMA_LIMITED[field];
    if (!rule) continue;
    const parentPath = rule.path.slice(0, -1);
    const parent = parentPath.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      copy,
    ) as Record<string, unknown> | undefined;
    const key = rule.path[rule.path.length - 1]!;
    const value = parent?.[key];
    if (parent && typeof value === 'string' && value.length > rule.maxChars) {
      // Never half a surrogate pair: the text check refuses a lone surrogate (validation/storable-text.ts).
      const cut = value.slice(0, rule.maxChars);
      parent[key] = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
    }
  }
  return copy;
}
