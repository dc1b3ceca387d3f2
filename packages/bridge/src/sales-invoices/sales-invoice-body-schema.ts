// The sales invoice schema for route bodies: without its $id, so several routes (and nested bodies) can embed it.
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { SalesInvoiceInputSchema } from './sales-invoice-schema';

/** Fastify's Ajv registers every $id it compiles; the same $id in two routes' bodies would clash. */
function withoutId<T extends TSchema>(schema: T): T {
  const { $id: _id, ...rest } = schema as T & { $id?: string };
  return rest as T;
}

export const SalesInvoiceBodySchema = withoutId(SalesInvoiceInputSchema);

/**
 * The document with the schema's defaults filled in (row kind, currency, language, country…), on a copy. Routes that
 * validate with Fastify get them already; batch documents do not: filling them here makes both hash the same.
 */
export function withSalesInvoiceDefaults(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  return Value.Default(SalesInvoiceInputSchema, structuredClone(input)) as Static<typeof SalesInvoiceInputSchema>;
}
