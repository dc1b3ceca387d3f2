// HTTP surface of linking, the same for customers ↔ business partners and products ↔ products:
// the source's records in, the list with links and suggestions, accept, reject, link by hand, unlink, auto-link.
import { type Static, type TSchema, Type } from 'typebox';
import { customerSourceKey } from '../business-partners/customer-source-key';
import { normalizeBusinessIdForMatch } from '../business-partners/match-business-partner';
import type { ConnectionService } from '../connections/connection-record';
import { NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { BridgeApp, RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import type { SourceRecordKind } from '../storage/tables/register-tables';
import { acceptSuggestion, autoLink, linkByHand, rejectSuggestion, unlink } from './link-actions';
import { listLinkRows } from './link-suggestions';
import { type SourceRecordInput, upsertSourceRecords } from './register-links';
import { PageMetaSchema, PageQuerySchema } from './register-schemas';

export interface LinkRouteDeps {
  db: Database;
  connections: Pick<ConnectionService, 'find'>;
}

const SourceCustomerSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    customerNumber: Type.Optional(Type.String({ maxLength: 40, description: 'The link key when given.' })),
    businessId: Type.Optional(Type.String({ maxLength: 40, description: 'The link key when there is no number.' })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true, description: 'Other fields (address…) are kept as given.' },
);

const SourceProductSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'Product or work type code: the link key.' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: true, description: 'Other fields (unit, price, VAT, sales account) are kept as given.' },
);

const RecordSummary = Type.Object({
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  identifier: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});

const SuggestionSchema = Type.Object({
  procountorId: Type.Integer(),
  score: Type.Number({ description: '0..1; auto-linking needs ≥ 0.9 and no other suggestion within 0.05.' }),
  reason: Type.String({ description: 'business_id, customer_number, code or name.' }),
  nameSimilarity: Type.Number({ description: 'Similarity of the normalised names, 0..1.' }),
  record: RecordSummary,
});

const LinkSchema = Type.Object({
  kind: Type.String(),
  sourceKey: Type.String(),
  procountorId: Type.Integer(),
  origin: Type.String({ description: 'manual, accepted_suggestion, transfer or created.' }),
  score: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Type.String(),
});

const LinkRowSchema = Type.Object({
  sourceKey: Type.String(),
  source: Type.Object({
    name: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    identifier: Type.Union([Type.String(), Type.Null()]),
  }),
  link: Type.Union([
    Type.Object({ ...LinkSchema.properties, record: Type.Union([RecordSummary, Type.Null()]) }),
    Type.Null(),
  ]),
  suggestions: Type.Array(SuggestionSchema, { description: 'Only for unlinked records; best first.' }),
});

const ProcountorIdBody = Type.Object({ procountorId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

interface KindSurface {
  kind: SourceRecordKind;
  /** "customer-links" / "product-links". */
  linksPath: string;
  /** "source-customers" / "source-products". */
  sourcePath: string;
  what: string;
  procountorWhat: string;
  itemSchema: TSchema;
  listField: 'customers' | 'products';
  toSourceRecord(item: Record<string, unknown>, index: number): SourceRecordInput;
}

const SURFACES: KindSurface[] = [
  {
    kind: 'customer',
    linksPath: 'customer-links',
    sourcePath: 'source-customers',
    what: 'customer',
    procountorWhat: 'business partner',
    itemSchema: SourceCustomerSchema,
    listField: 'customers',
    toSourceRecord(item, index) {
      const customer = item as Static<typeof SourceCustomerSchema>;
      const sourceKey = customerSourceKey(customer);
      if (!sourceKey) {
        throw new ValidationFailedError([
          {
            path: `customers[${index}]`,
            rule: 'link_key',
            message: 'a customer needs a customerNumber or a businessId: links are kept by them',
          },
        ]);
      }
      return {
        sourceKey,
        name: customer.name,
        code: customer.customerNumber ?? null,
        identifier: normalizeBusinessIdForMatch(customer.businessId) ?? null,
        data: item,
      };
    },
  },
  {
    kind: 'product',
    linksPath: 'product-links',
    sourcePath: 'source-products',
    what: 'product',
    procountorWhat: 'product',
    itemSchema: SourceProductSchema,
    listField: 'products',
    toSourceRecord(item) {
      const product = item as Static<typeof SourceProductSchema>;
      return { sourceKey: product.code, name: product.name, code: product.code, identifier: null, data: item };
    },
  },
];

async function requireConnection(deps: LinkRouteDeps, connectionId: string): Promise<void> {
  if (!(await deps.connections.find(connectionId))) throw new NotFoundError(`Connection ${connectionId}`);
}

function registerKindRoutes(app: BridgeApp, deps: LinkRouteDeps, surface: KindSurface): void {
  const { kind } = surface;
  const tags = ['linking'];
  const base = `/v1/connections/:connectionId/${surface.linksPath}`;
  const KeyParams = Type.Object({ connectionId: Type.String(), sourceKey: Type.String() });

  app.put(
    `/v1/connections/:connectionId/${surface.sourcePath}`,
    {
      schema: {
        tags,
        summary: `Send the source's ${surface.what}s (upsert), so they can be linked and suggestions made`,
        params: Type.Object({ connectionId: Type.String() }),
        body: Type.Object(
          { [surface.listField]: Type.Array(surface.itemSchema, { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ stored: Type.Integer(), sourceKeys: Type.Array(Type.String()) }) },
      },
    },
    async (request) => {
      const { connectionId } = request.params as { connectionId: string };
      await requireConnection(deps, connectionId);
      const items = (request.body as Record<string, Record<string, unknown>[]>)[surface.listField] ?? [];
      const records = items.map((item, index) => surface.toSourceRecord(item, index));
      await upsertSourceRecords(deps.db, connectionId, kind, records);
      return { stored: records.length, sourceKeys: records.map((record) => record.sourceKey) };
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: `The source's ${surface.what}s beside Procountor's: each with its link, or with ranked suggestions`,
        params: Type.Object({ connectionId: Type.String() }),
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('all'), Type.Literal('linked'), Type.Literal('unlinked')], { default: 'all' }),
            ),
            search: Type.Optional(Type.String({ maxLength: 200 })),
            ...PageQuerySchema,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ results: Type.Array(LinkRowSchema), meta: PageMetaSchema }) },
      },
    },
    async (request) => {
      const { connectionId } = request.params as { connectionId: string };
      await requireConnection(deps, connectionId);
      const query = request.query as {
        status?: 'all' | 'linked' | 'unlinked';
        search?: string;
        page?: number;
        size?: number;
      };
      const page = query.page ?? 0;
      const size = query.size ?? 50;
      const { results, total } = await listLinkRows(deps.db, connectionId, kind, {
        status: query.status ?? 'all',
        search: query.search,
        page,
        size,
      });
      return { results, meta: { page, size, total } };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: `Link a ${surface.what} to a Procountor ${surface.procountorWhat} by hand (replaces its link)`,
        params: Type.Object({ connectionId: Type.String() }),
        body: Type.Object(
          { sourceKey: Type.String({ minLength: 1 }), procountorId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 201: LinkSchema },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params as { connectionId: string };
      const { sourceKey, procountorId } = request.body as { sourceKey: string; procountorId: number };
      await requireConnection(deps, connectionId);
      return reply.code(201).send(await linkByHand(deps.db, connectionId, kind, sourceKey, procountorId));
    },
  );

  app.post(
    `${base}/:sourceKey/accept`,
    {
      schema: {
        tags,
        summary: `Accept a suggestion: link the ${surface.what} to the suggested ${surface.procountorWhat}`,
        params: KeyParams,
        body: ProcountorIdBody,
        response: { 201: LinkSchema },
      },
    },
    async (request, reply) => {
      const { connectionId, sourceKey } = request.params as { connectionId: string; sourceKey: string };
      const { procountorId } = request.body as { procountorId: number };
      await requireConnection(deps, connectionId);
      return reply.code(201).send(await acceptSuggestion(deps.db, connectionId, kind, sourceKey, procountorId));
    },
  );

  app.post(
    `${base}/:sourceKey/reject`,
    {
      schema: {
        tags,
        summary: 'Reject a suggestion: it is not suggested again for this record',
        params: KeyParams,
        body: ProcountorIdBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { connectionId, sourceKey } = request.params as { connectionId: string; sourceKey: string };
      const { procountorId } = request.body as { procountorId: number };
      await requireConnection(deps, connectionId);
      await rejectSuggestion(deps.db, connectionId, kind, sourceKey, procountorId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${base}/:sourceKey`,
    {
      schema: {
        tags,
        summary: `Unlink the ${surface.what}: transfers match it by the rules again`,
        params: KeyParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { connectionId, sourceKey } = request.params as { connectionId: string; sourceKey: string };
      await requireConnection(deps, connectionId);
      await unlink(deps.db, connectionId, kind, sourceKey);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/auto-link`,
    {
      schema: {
        tags,
        summary: 'Link every unlinked record whose best suggestion is ≥ 0.9 with no close second (docs/master-data.md)',
        params: Type.Object({ connectionId: Type.String() }),
        response: { 200: Type.Object({ linked: Type.Array(LinkSchema), left: Type.Integer() }) },
      },
    },
    async (request) => {
      const { connectionId } = request.params as { connectionId: string };
      await requireConnection(deps, connectionId);
      return autoLink(deps.db, connectionId, kind);
    },
  );
}

export function linkRoutes(deps: LinkRouteDeps): RouteModule {
  return (app) => {
    for (const surface of SURFACES) registerKindRoutes(app, deps, surface);
  };
}
