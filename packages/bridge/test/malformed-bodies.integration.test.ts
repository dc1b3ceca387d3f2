// A fuzz suite of the bridge API (issue #12): fast-check breaks a valid body of every write route in one place
// (helpers/malformed-bodies.ts: wrong types, unknown fields, text that cannot be stored, missing fields, null,
// oversized strings, invalid JSON) and the bridge must answer a 4xx naming that place, never a 5xx, storing nothing:
// no row in any bridge table, no job, no invoice in Procountor (the emulator). Bounded: a fixed seed and a few runs
// per route (BRIDGE_FUZZ_RUNS and BRIDGE_FUZZ_SEED explore further).
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import fc from 'fast-check';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/composition/create-bridge';
import { ConnectionSettingsSchema } from '../src/connections/connection-settings';
import { SalesInvoiceInputSchema } from '../src/sales-invoices/sales-invoice-schema';
import { compileDocumentCheck } from '../src/validation/check-document';
import type { JsonSchema } from '../src/validation/schema-positions';
import { type Malformation, malformationsOf } from './helpers/malformed-bodies';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { describeOnBothDatabases } from './helpers/test-database';

const RUNS_PER_ROUTE = Number(process.env.BRIDGE_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.BRIDGE_FUZZ_SEED ?? 20_260_412);

const today = new Date().toISOString().slice(0, 10);
const HETU = (() => {
  const made = createPersonalIdentityCode('240378', '-', '456');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();
const PDF_BASE64 = Buffer.from('%PDF-1.4\n%fuzz\n').toString('base64');

/** A sales invoice using most fields, so most fields get broken. */
function fullSalesInvoice() {
  const invoice = buildSalesInvoice();
  return {
    ...invoice,
    orderReference: 'PO-1',
    notes: 'Kiitos tilauksesta',
    textAboveRows: 'Toimitus maaliskuussa',
    customer: { ...invoice.customer, email: 'laskut@asiakas.fi', contactPerson: 'Maija' },
    rows: [{ ...invoice.rows[0], description: 'Suunnittelu', discountPercent: 0, dimensions: { project: 'P1' } }],
    attachments: [{ fileName: 'liite.pdf', mediaType: 'application/pdf', contentBase64: PDF_BASE64 }],
  };
}

const expenseCommon = (externalId: string) => ({
  externalId,
  invoiceNumber: `N-${externalId}`,
  invoiceDate: today,
  currency: 'EUR',
  notes: 'Matkalasku',
  rows: [
    {
      expenseCode: 'PVR',
      description: 'Päiväraha',
      quantity: 1,
      unit: 'DAY',
      unitPrice: 53,
      vatPercent: 0,
      comment: 'Tampere',
      dimensions: { project: 'P1' },
    },
  ],
  attachments: [{ fileName: 'kuitti.pdf', mediaType: 'application/pdf', contentBase64: PDF_BASE64 }],
  statusAfterTransfer: 'UNFINISHED',
});
const person = { name: 'Ville Matkaaja', personalIdentityCode: HETU, iban: 'FI2112345600000785' };

/** The connection settings as a patch: every setting optional and closed, as the service checks it. */
const SettingsPatchSchema = { ...ConnectionSettingsSchema, required: [] } as JsonSchema;

const payment = { paymentId: 'pay-1', amount: 10, paymentDate: today, paymentMethodType: 'BANK_STATEMENT' };

interface WriteRoute {
  method: string;
  /** The path in /openapi.json; its body schema generates the malformations unless `schema` is given. */
  path: string;
  body: unknown;
  /** For bodies a route leaves open (Type.Unknown) and checks itself. */
  schema?: (published: JsonSchema) => JsonSchema;
  /** A batch answers 200 with a result per document; a dry run 200 with its problems. */
  answer?: 'batch' | 'dry run';
}

const withSettings = (published: JsonSchema): JsonSchema => ({
  ...published,
  properties: { ...(published.properties as object), settings: SettingsPatchSchema },
});

const sales = fullSalesInvoice();
const ROUTES: WriteRoute[] = [
  { method: 'POST', path: '/v1/connections/{connectionId}/sales-invoices', body: sales },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/sales-invoices/validate',
    body: sales,
    schema: () => SalesInvoiceInputSchema as unknown as JsonSchema,
    answer: 'dry run',
  },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/sales-invoices/batch',
    body: { documents: [sales] },
    schema: () =>
      Type.Object(
        { documents: Type.Array(SalesInvoiceInputSchema, { minItems: 1 }) },
        { additionalProperties: false },
      ) as unknown as JsonSchema,
    answer: 'batch',
  },
  { method: 'PUT', path: `/v1/connections/{connectionId}/sales-invoices/${sales.externalId}`, body: sales },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/credit-invoices',
    body: {
      externalId: 'CR-1',
      creditsExternalId: sales.externalId,
      invoiceNumber: 'H-1',
      invoiceDate: today,
      reason: 'Palautus',
      rows: [{ kind: 'item', name: 'Consulting', quantity: 1, unit: 'h', unitPrice: 100, vatPercent: 25.5 }],
      correctedInvoice: fullSalesInvoice(),
    },
  },
  ...(['travel-invoices', 'expense-claims', 'source-purchase-invoices'] as const).flatMap((kind) => {
    const party =
      kind === 'source-purchase-invoices'
        ? {
            supplier: {
              name: 'Freelancer Oy',
              businessId: '0112038-9',
              street: 'Katu 1',
              zip: '00100',
              city: 'Helsinki',
              iban: 'FI2112345600000785',
              referenceCode: '1232',
            },
          }
        : kind === 'travel-invoices'
          ? {
              person,
              travel: [{ departure: today, arrival: today, places: 'Tampere', purpose: 'Asiakastapaaminen' }],
            }
          : { person };
    const body = { ...expenseCommon(`${kind}-1`), ...party };
    return [
      { method: 'POST', path: `/v1/connections/{connectionId}/${kind}`, body },
      { method: 'POST', path: `/v1/connections/{connectionId}/${kind}/validate`, body },
      { method: 'PUT', path: `/v1/connections/{connectionId}/${kind}/{externalId}`, body },
    ];
  }),
  {
    method: 'POST',
    path: '/v1/connections',
    body: {
      name: 'Fuzz Oy',
      environment: 'custom',
      baseUrl: 'http://127.0.0.1:9/api',
      clientId: 'fuzz-client',
      clientSecret: 'fuzz-secret',
      apiKey: 'fuzz-api-key',
      settings: { transferMode: 'manual', rateLimitPerSecond: 2 },
    },
    schema: withSettings,
  },
  {
    method: 'PATCH',
    path: '/v1/connections/{connectionId}',
    body: { name: 'Renamed', settings: { transferMode: 'manual', emailSending: false, defaultProductCode: 'P1' } },
    schema: withSettings,
  },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/credentials',
    body: { environment: 'custom', baseUrl: 'http://127.0.0.1:9/api', clientId: 'c', clientSecret: 's', apiKey: 'k' },
  },
  { method: 'POST', path: '/v1/api-tokens', body: { name: 'fuzz', connectionId: '{connectionId}' } },
  { method: 'POST', path: '/v1/connections/{connectionId}/transfers/retry-failed', body: { kind: 'sales_invoice' } },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/webhook-endpoints',
    body: { url: 'https://example.com/hooks', eventTypes: ['transfer.succeeded', 'invoice.paid'], active: true },
  },
  {
    method: 'PATCH',
    path: '/v1/connections/{connectionId}/webhook-endpoints/{endpointId}',
    body: { url: 'https://example.com/other', eventTypes: ['transfer.failed'], active: false },
  },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/purchase-invoice-import',
    body: { enabled: false, statuses: ['APPROVED'], intervalMinutes: 60 },
  },
  { method: 'POST', path: '/v1/session', body: { userName: 'admin', password: 'not-the-password' } },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/registers/sync',
    body: { mode: 'full', registers: ['products'] },
  },
  { method: 'PUT', path: '/v1/connections/{connectionId}/registers/schedule', body: { everyMinutes: 60 } },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/source-customers',
    body: { customers: [{ name: 'Asiakas Oy', customerNumber: 'C1', businessId: '0112038-9', email: 'a@b.fi' }] },
  },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/source-products',
    body: { products: [{ code: 'P1', name: 'Tuote' }] },
  },
  ...(['customer-links', 'product-links'] as const).flatMap((links) => [
    { method: 'POST', path: `/v1/connections/{connectionId}/${links}`, body: { sourceKey: 'C1', procountorId: 1 } },
    { method: 'POST', path: `/v1/connections/{connectionId}/${links}/{sourceKey}/accept`, body: { procountorId: 1 } },
    { method: 'POST', path: `/v1/connections/{connectionId}/${links}/{sourceKey}/reject`, body: { procountorId: 1 } },
  ]),
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/source-customers/push',
    body: {
      customers: [
        {
          name: 'Asiakas Oy',
          businessId: '0112038-9',
          customerNumber: 'C1',
          vatNumber: 'FI01120389',
          address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
          email: 'laskut@asiakas.fi',
          billingContact: 'Maija',
        },
      ],
    },
  },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/source-products/push',
    body: {
      products: [
        {
          code: 'P1',
          name: 'Tuote',
          unit: 'h',
          unitPrice: 10,
          vatPercent: 25.5,
          salesAccount: '3000',
          currency: 'EUR',
          active: true,
        },
      ],
    },
  },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/dimension-items',
    body: { items: [{ kind: 'project', code: 'P1', name: 'Projekti', active: true }] },
  },
  {
    method: 'PUT',
    path: '/v1/connections/{connectionId}/procountor-webhook',
    body: { url: 'https://bridge.example.fi/hooks/procountor/x' },
  },
  { method: 'POST', path: `/v1/connections/{connectionId}/sales-invoices/{externalId}/mark-paid`, body: payment },
  { method: 'POST', path: `/v1/connections/{connectionId}/credit-invoices/{externalId}/mark-paid`, body: payment },
];

interface Answer {
  status: number;
  paths: string[];
}

/** "documents[0]" + "rows[1].name" → "documents[0].rows[1].name". */
const within = (prefix: string, path: string) => (path === '(body)' ? prefix : `${prefix}.${path}`);

describeOnBothDatabases('malformed bodies on every write route', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let published: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  const ids: Record<string, string> = { externalId: 'INV-1', sourceKey: 'C1' };

  beforeAll(async () => {
    procountor = await startTestProcountor('Sumea Oy');
    bridge = await startTestBridge(database.db);
    const call = apiCaller(bridge.url);
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Fuzzed',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    ids.connectionId = created.json.id;
    expect((await call('POST', `/v1/connections/${ids.connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const endpoint = await call('POST', `/v1/connections/${ids.connectionId}/webhook-endpoints`, TEST_ADMIN_TOKEN, {
      url: 'https://example.com/hooks',
    });
    ids.endpointId = endpoint.json.id;
    published = (await call('GET', '/openapi.json', undefined)).json.paths;
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? name);

  /** Rows of every bridge table and of the job queue, and the invoices Procountor holds. */
  const storedCounts = async () => {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(
      database.db,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(database.db);
      counts[name] = Number(result.rows[0]?.n);
    }
    const jobs = await sql<{ n: string }>`select count(*) as n from pgboss.job`.execute(database.db);
    counts['pgboss.job'] = Number(jobs.rows[0]?.n);
    counts['procountor invoices'] = [...procountor.emulator.context.state.companies.values()].reduce(
      (sum, company) => sum + company.invoices.size,
      0,
    );
    return counts;
  };

  const send = async (route: WriteRoute, malformation: Malformation): Promise<Answer> => {
    const text = malformation.text ?? JSON.stringify(malformation.body);
    const response = await fetch(`${bridge.url}${fill(route.path)}`, {
      method: route.method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: text,
    });
    const json = await response.json().catch(() => undefined);
    const details = (list: unknown) => ((list as { path: string }[] | undefined) ?? []).map((detail) => detail.path);
    if (response.status === 200 && route.answer === 'batch') {
      const refused = (json.results as { index: number; status: number; error?: { details: unknown } }[]).filter(
        (result) => result.status >= 400,
      );
      return {
        status: refused.length > 0 ? Math.max(...refused.map((result) => result.status)) : 200,
        paths: refused.flatMap((result) =>
          details(result.error?.details).map((path) => within(`documents[${result.index}]`, path)),
        ),
      };
    }
    if (response.status === 200 && route.answer === 'dry run' && json.valid === false) {
      return { status: 400, paths: details(json.problems) };
    }
    return { status: response.status, paths: details(json?.details) };
  };

  const schemaOf = (route: WriteRoute): JsonSchema => {
    const operation = published[route.path.replace(/\/(INV-[^/]+)$/, '/{externalId}')]?.[route.method.toLowerCase()];
    const schema = operation?.requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${route.method} ${route.path} publishes no JSON body schema`);
    return route.schema ? route.schema(schema) : schema;
  };

  it('fuzzes every write route the API publishes, from bodies its schemas accept', () => {
    const writeRoutes = Object.entries(published).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.requestBody?.content['application/json'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const fuzzed = new Set(
      ROUTES.map((route) => `${route.method} ${route.path.replace(/\/INV-[^/]+$/, '/{externalId}')}`),
    );
    expect(writeRoutes.filter((route) => !fuzzed.has(route))).toEqual([]);
    const kinds = new Set<string>();
    for (const route of ROUTES) {
      const body = JSON.parse(fill(JSON.stringify(route.body)));
      for (const kind of malformationsOf(schemaOf(route), body).kinds) kinds.add(kind);
      expect(compileDocumentCheck(schemaOf(route))(body), `${route.method} ${route.path}`).toEqual([]);
    }
    expect([...kinds].sort()).toEqual([
      'invalid JSON',
      'missing required field',
      'null where not allowed',
      'oversized string',
      'text that cannot be stored',
      'unknown property',
      'wrong type',
    ]);
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: a 4xx naming the broken field, never a 5xx, nothing stored',
    async (_name, route) => {
      const body = JSON.parse(fill(JSON.stringify(route.body)));
      const { arbitrary, kinds } = malformationsOf(schemaOf(route), body);
      expect(kinds).toEqual(expect.arrayContaining(['invalid JSON', 'wrong type']));
      const before = await storedCounts();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (malformation) => {
          const answer = await send(route, malformation);
          const seen = `${malformation.kind} — ${malformation.description}: ${answer.status} ${JSON.stringify(answer.paths)}`;
          expect(answer.status, seen).toBeGreaterThanOrEqual(400);
          expect(answer.status, seen).toBeLessThan(500);
          expect(
            answer.paths.some((path) => malformation.expectedPaths.includes(path)),
            seen,
          ).toBe(true);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
      expect(await storedCounts()).toEqual(before);
    },
  );
});
