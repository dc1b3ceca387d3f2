// HTTP surface of source → Procountor: customers and products created or updated under the matching rules, and
// dimension items (projects, cost centres, business units) created, renamed, inactivated or reactivated.
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { customerProblems, normalizedCustomer } from '../business-partners/customer-rules';
import { customerSourceKey } from '../business-partners/customer-source-key';
import { type PushResult, pushCustomer } from '../business-partners/push-customers';
import type { ConnectionService } from '../connections/connection-record';
import { setDimensionItem } from '../dimensions/set-dimension-item';
import { ValidationFailedError } from '../errors/bridge-error';
import { schemaErrorToDetail } from '../errors/schema-error-detail';
import { pushProduct } from '../products/push-products';
import { type CustomerInput, CustomerSchema } from '../sales-invoices/sales-invoice-schema';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';

export interface PushRouteDeps {
  db: Database;
  connections: Pick<ConnectionService, 'requireActive' | 'procountorClient'>;
}

/** Procountor calls are made while the request waits: a batch is kept small. */
const MAX_BATCH = 100;

/** POST …/source-customers/push (and `bridge registers push --customers`). */
export const PushCustomersBody = Type.Object(
  { customers: Type.Array(CustomerSchema, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);

/**
 * The customers of a push, checked as one set of rules for the API and `bridge registers push --customers`: the
 * schema, a link key (customer number or business ID) and the customer rules every invoice's customer passes
 * (business-partners/customer-rules.ts); returned with the schema's defaults and normalised.
 * @throws ValidationFailedError naming every problem by path (customers[i].…)
 */
export function requireValidPushedCustomers(body: unknown): CustomerInput[] {
  const withDefaults = Value.Default(PushCustomersBody, structuredClone(body)) as unknown;
  const schemaProblems = [...Value.Errors(PushCustomersBody, withDefaults)].map((error) =>
    schemaErrorToDetail(error as unknown as Parameters<typeof schemaErrorToDetail>[0]),
  );
  if (schemaProblems.length > 0) throw new ValidationFailedError(schemaProblems, 'The customer list');
  const customers = (withDefaults as { customers: CustomerInput[] }).customers;
  const problems = customers.flatMap((customer, index) => [
    ...(customerSourceKey(customer)
      ? []
      : [
          {
            path: `customers[${index}]`,
            rule: 'link_key',
            message: 'a customer needs a customerNumber or a businessId',
          },
        ]),
    ...customerProblems(customer, `customers[${index}]`),
  ]);
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The customer list');
  return customers.map(normalizedCustomer);
}

/** POST …/source-products/push (and `bridge registers push --products`). */
export const PushProductsBody = Type.Object(
  {
    products: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 40 }),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          unit: Type.Optional(Type.String({ description: 'h, pcs, day… or a Procountor unit.' })),
          unitPrice: Type.Optional(Type.Number()),
          vatPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          salesAccount: Type.Optional(
            Type.String({ pattern: '^[0-9]{3,8}$', description: "The product's default ledger account." }),
          ),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          active: Type.Optional(Type.Boolean({ description: 'false inactivates it in Procountor.' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  },
  { additionalProperties: false },
);

/** PUT …/dimension-items (and `bridge registers push --dimension-items`). */
export const DimensionItemsBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('project'), Type.Literal('costCenter'), Type.Literal('businessUnit')]),
          code: Type.String({ minLength: 1, maxLength: 50, description: 'The item code name.' }),
          name: Type.Optional(Type.String({ maxLength: 200, description: 'The item description.' })),
          active: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  },
  { additionalProperties: false },
);

const PushResultSchema = Type.Object({
  sourceKey: Type.String(),
  outcome: Type.Union(
    [Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged'), Type.Literal('failed')],
    { description: 'What happened in Procountor.' },
  ),
  procountorId: Type.Optional(Type.Integer()),
  message: Type.Optional(Type.String({ description: 'The rule that matched, or why it failed and how to fix it.' })),
});

const PushResponse = Type.Object({
  results: Type.Array(PushResultSchema),
  counts: Type.Object({
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    failed: Type.Integer(),
  }),
});

function describeError(error: unknown): string {
  const explanation = (error as { explanation?: { en?: string } })?.explanation?.en;
  return explanation ?? (error instanceof Error ? error.message : String(error));
}

/** Runs the items one by one; one that fails is reported and the others still go. */
export async function pushEach<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  push: (item: T) => Promise<PushResult>,
) {
  const results: PushResult[] = [];
  for (const item of items) {
    try {
      results.push(await push(item));
    } catch (error) {
      results.push({
        sourceKey: keyOf(item),
        outcome: 'failed',
        message: `Procountor refused it: ${describeError(error)}`,
      });
    }
  }
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { results, counts };
}

export function pushRoutes(deps: PushRouteDeps): RouteModule {
  return (app) => {
    const params = Type.Object({ connectionId: Type.String() });
    const context = async (connectionId: string) => {
      const connection = await deps.connections.requireActive(connectionId);
      return { db: deps.db, connection, client: await deps.connections.procountorClient(connection) };
    };

    app.post(
      '/v1/connections/:connectionId/source-customers/push',
      {
        schema: {
          tags: ['master-data'],
          summary: 'Create or update customers in Procountor (business ID and customer number matching), and link them',
          description:
            'Each customer: its link if it has one, else by business ID and customer number: same business ID and customer number → that partner (updated when name, address, e-mail or e-invoice address differ); same number with another business ID → failed (conflict); none → created.',
          params,
          body: PushCustomersBody,
          response: { 200: PushResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const customers = requireValidPushedCustomers(request.body);
        const pushContext = await context(connectionId);
        return pushEach(
          customers,
          (customer) => customerSourceKey(customer) as string,
          (customer) => pushCustomer(pushContext, customer),
        );
      },
    );

    app.post(
      '/v1/connections/:connectionId/source-products/push',
      {
        schema: {
          tags: ['master-data'],
          summary:
            'Create or update products in Procountor by code (name, unit, price, VAT, sales account), and link them',
          params,
          body: PushProductsBody,
          response: { 200: PushResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const pushContext = await context(connectionId);
        return pushEach(
          request.body.products,
          (product) => product.code,
          (product) => pushProduct(pushContext, product),
        );
      },
    );

    app.put(
      '/v1/connections/:connectionId/dimension-items',
      {
        schema: {
          tags: ['master-data'],
          summary: 'Create, rename, inactivate or reactivate projects, cost centres and business units in Procountor',
          description:
            "Each item goes to the dimension the connection's projectDimension, costCenterDimension or businessUnitDimension names. active: false (closed or inactivated in the source) sets the item inactive in Procountor (status P).",
          params,
          body: DimensionItemsBody,
          response: { 200: PushResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const pushContext = await context(connectionId);
        return pushEach(
          request.body.items,
          (item) => `${item.kind}:${item.code}`,
          (item) => setDimensionItem(pushContext, item),
        );
      },
    );
  };
}
