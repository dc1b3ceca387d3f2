// Checks against the synced registers, in the dry run and at submit: sales accounts, VAT rates, product codes,
// inactive dimension items; and nothing is checked before the registers were synced.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { checkPersonCodes } from './check-against-registers';
import { upsertRegisterPage } from './register-records';

describeOnBothDatabases('checks against the registers', (database) => {
  let kit: RegisterTestKit;
  let base: string;

  function invoiceWithProblems(): SalesInvoiceInput {
    return buildSalesInvoice({
      invoiceDate: '2024-06-03',
      rows: [
        {
          kind: 'item',
          name: 'Reduced rate',
          productCode: 'NOPE',
          quantity: 1,
          unit: 'h',
          unitPrice: 10,
          vatPercent: 10,
        },
        {
          kind: 'item',
          name: 'Closed project',
          quantity: 1,
          unit: 'h',
          unitPrice: 10,
          vatPercent: 24,
          salesAccount: '3999',
          dimensions: { costCenter: 'CC-CLOSED' },
        },
      ],
    });
  }

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Tarkistus Oy', {
      createProductsInProcountor: false,
      costCenterDimension: 'Kustannuspaikat',
      rowsCarryCostCenters: true,
    });
    base = `/v1/connections/${kit.connectionId}`;
    const dimensions = await kit.procountorClient.dimensions.list();
    const costCentres = dimensions.find((dimension) => dimension.name === 'Kustannuspaikat');
    const item = await kit.procountorClient.dimensions.createItem(costCentres?.id as number, {
      codeName: 'CC-CLOSED',
      description: 'Closed cost centre',
    });
    await kit.procountorClient.dimensions.updateItem(costCentres?.id as number, { ...item, status: 'P' });
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('checks nothing before the registers are synced', async () => {
    const dryRun = await kit.call('POST', `${base}/sales-invoices/validate`, invoiceWithProblems());
    expect(dryRun.status).toBe(200);
    const rules = dryRun.json.problems.map((problem: { rule: string }) => problem.rule);
    expect(rules).not.toContain('account_in_chart');
    expect(rules).not.toContain('dimension_item_active');
  });

  it('names every problem with its fix in the dry run once synced', async () => {
    expect((await kit.syncAndWait({ mode: 'full' })).state).toBe('succeeded');
    // A company without the 10 % rate in its VAT settings.
    const removed = await database.db
      .deleteFrom('register_records')
      .where('connection_id', '=', kit.connectionId)
      .where('register', '=', 'vat_percentages')
      .where((eb) => eb(sql`cast(code as numeric)`, '=', 10))
      .executeTakeFirst();
    expect(Number(removed.numDeletedRows)).toBe(1);
    const dryRun = await kit.call('POST', `${base}/sales-invoices/validate`, invoiceWithProblems());
    expect(dryRun.status).toBe(200);
    expect(dryRun.json.valid).toBe(false);
    const byPath = Object.fromEntries(
      dryRun.json.problems.map((problem: { path: string; rule: string; message: string }) => [problem.path, problem]),
    );
    expect(byPath['rows[1].salesAccount']).toMatchObject({ rule: 'account_in_chart' });
    expect(byPath['rows[1].salesAccount'].message).toContain('3999');
    expect(byPath['rows[0].vatPercent']).toMatchObject({ rule: 'vat_percentage_in_use' });
    // 24 % was the general rate on 2024-06-03: Procountor lists today's rates only, so it is not refused.
    expect(byPath['rows[1].vatPercent']).toBeUndefined();
    expect(byPath['rows[1].dimensions.costCenter']).toMatchObject({ rule: 'dimension_item_active' });
    expect(byPath['rows[1].dimensions.costCenter'].message).toContain('CC-CLOSED');
    // The product code: the dry run's own Procountor lookup names it first.
    expect(byPath['rows[0].productCode']).toBeDefined();
  });

  it('refuses the document at submit with the same problems and stores nothing', async () => {
    const invoice = invoiceWithProblems();
    const submitted = await kit.call('POST', `${base}/sales-invoices`, invoice);
    expect(submitted.status).toBe(400);
    expect(submitted.json.code).toBe('validation_failed');
    const rules = submitted.json.details.map((detail: { rule: string }) => detail.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'product_in_register',
        'account_in_chart',
        'vat_percentage_in_use',
        'dimension_item_active',
      ]),
    );
    const stored = await kit.call('GET', `${base}/sales-invoices/${invoice.externalId}`);
    expect(stored.status).toBe(404);
  });

  it('accepts a document the registers know', async () => {
    const submitted = await kit.call(
      'POST',
      `${base}/sales-invoices`,
      buildSalesInvoice({
        rows: [
          { kind: 'item', name: 'Work', quantity: 1, unit: 'h', unitPrice: 10, vatPercent: 25.5, salesAccount: '3000' },
        ],
      }),
    );
    expect(submitted.status).toBe(202);
  });

  it("refuses a currency the company's synced currency register lacks, in the dry run and at submit alike", async () => {
    // The emulator company invoices in EUR, SEK, NOK, DKK, USD, GBP, CHF, JPY, PLN and CAD; AUD is ISO but not its.
    const invoice = buildSalesInvoice({ currency: 'AUD' });
    const dryRun = await kit.call('POST', `${base}/sales-invoices/validate`, invoice);
    expect(dryRun.json.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'currency', rule: 'currency_in_register' })]),
    );
    const submitted = await kit.call('POST', `${base}/sales-invoices`, invoice);
    expect(submitted.status).toBe(400);
    expect(submitted.json.details).toEqual([
      expect.objectContaining({ path: 'currency', rule: 'currency_in_register' }),
    ]);
    expect((await kit.call('POST', `${base}/sales-invoices`, buildSalesInvoice({ currency: 'SEK' }))).status).toBe(202);
  });

  it('checks every document of a batch as a single submit would, codes read once for the batch', async () => {
    const knownRow = { kind: 'item' as const, name: 'Work', quantity: 1, unit: 'h', unitPrice: 10, vatPercent: 25.5 };
    const good = buildSalesInvoice({ rows: [{ ...knownRow, salesAccount: '3000' }] });
    // The same sales account asked again, found or not, must answer as it did the first time.
    const unknownAccount = buildSalesInvoice({ rows: [{ ...knownRow, salesAccount: '3999' }] });
    const againGood = buildSalesInvoice({ rows: [{ ...knownRow, salesAccount: '3000' }] });
    const againUnknown = buildSalesInvoice({ rows: [{ ...knownRow, salesAccount: '3999' }, knownRow] });
    const documents = [
      invoiceWithProblems(),
      good,
      unknownAccount,
      againGood,
      againUnknown,
      { ...good, notes: 'other content' },
    ];
    const batch = await kit.call('POST', `${base}/sales-invoices/batch`, { documents });
    expect(batch.status).toBe(200);
    const statuses = batch.json.results.map((result: { status: number }) => result.status);
    expect(statuses).toEqual([400, 202, 400, 202, 400, 409]);
    const single = await kit.call('POST', `${base}/sales-invoices`, invoiceWithProblems());
    const rulesOf = (details: Array<{ path: string; rule: string }>) =>
      details.map((detail) => `${detail.path} ${detail.rule}`).sort();
    expect(rulesOf(batch.json.results[0].error.details)).toEqual(rulesOf(single.json.details));
    expect(batch.json.results[2].error.details).toEqual([
      expect.objectContaining({ path: 'rows[0].salesAccount', rule: 'account_in_chart' }),
    ]);
    expect(batch.json.results[4].error.details).toEqual([
      expect.objectContaining({ path: 'rows[0].salesAccount', rule: 'account_in_chart' }),
    ]);
    // The last one reuses the first good document's externalId with other content: a conflict, as a single POST.
    expect(batch.json.results[5].error.code).toBe('external_id_conflict');
    for (const refused of [documents[0], unknownAccount, againUnknown] as SalesInvoiceInput[]) {
      expect((await kit.call('GET', `${base}/sales-invoices/${refused.externalId}`)).status).toBe(404);
    }
  });

  it('checks person codes against the synced person register (travel and expense invoices)', async () => {
    const path = 'traveller.personalIdentityCode';
    const missing = await checkPersonCodes(database.db, kit.connectionId, [{ path, code: '010190-123A' }]);
    expect(missing).toEqual([expect.objectContaining({ path, rule: 'person_in_register' })]);
    const person = (active: boolean) => ({
      recordKey: '777',
      procountorId: 777,
      code: 'E-7',
      name: 'Virtanen Matti',
      identifier: '010190-123a',
      active,
      version: null,
      data: {},
    });
    await upsertRegisterPage(database.db, kit.connectionId, 'persons', [person(true)]);
    expect(await checkPersonCodes(database.db, kit.connectionId, [{ path, code: '010190-123A' }])).toEqual([]);
    expect(await checkPersonCodes(database.db, kit.connectionId, [{ path, code: 'e-7' }])).toEqual([]);
    await upsertRegisterPage(database.db, kit.connectionId, 'persons', [person(false)]);
    const inactive = await checkPersonCodes(database.db, kit.connectionId, [{ path, code: '010190-123A' }]);
    expect(inactive).toEqual([expect.objectContaining({ rule: 'person_active' })]);
  });
});
