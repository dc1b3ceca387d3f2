// Bad sales invoices get a precise 4xx naming the field and rule, and nothing is stored: no transfer, no job.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SalesInvoiceInput } from '../src/sales-invoices/sales-invoice-schema';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import { describeOnBothDatabases } from './helpers/test-database';
import { startTransferApi, type TransferApi } from './helpers/transfer-api';
import { startTransferTestKit, type TransferTestKit } from './helpers/transfer-test-kit';

/** A file of `bytes` bytes that starts like a PDF. */
const pdf = (bytes: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bytes - 9, 1)]).toString('base64');
const withRow = (invoice: SalesInvoiceInput, change: Partial<SalesInvoiceInput['rows'][number]>) => ({
  ...invoice,
  rows: [{ ...invoice.rows[0]!, ...change }],
});

const CASES: [string, (invoice: SalesInvoiceInput) => unknown, string, string][] = [
  ['a missing required field', ({ rows: _rows, ...rest }) => rest, 'rows', 'required'],
  ['an unknown field', (invoice) => ({ ...invoice, colour: 'red' }), 'colour', 'no_unknown_fields'],
  [
    'a business ID with a wrong check digit',
    (invoice) => ({ ...invoice, customer: { ...invoice.customer, businessId: '1234567-8' } }),
    'customer.businessId',
    'finnish_business_id',
  ],
  [
    'a bad reference code',
    (invoice) => ({ ...invoice, referenceCode: '1234' }),
    'referenceCode',
    'reference_check_digit',
  ],
  [
    'a bad IBAN as e-invoice address',
    (invoice) => ({
      ...invoice,
      customer: { ...invoice.customer, eInvoice: { address: 'FI2112345600000786', operator: 'NDEAFIHH' } },
    }),
    'customer.eInvoice.address',
    'e_invoice_address',
  ],
  [
    'an over-long customer name',
    (invoice) => ({ ...invoice, customer: { ...invoice.customer, name: 'N'.repeat(81) } }),
    'customer.name',
    'max_length_80',
  ],
  ['an unknown currency', (invoice) => ({ ...invoice, currency: 'XYZ' }), 'currency', 'procountor_currency'],
  [
    'an attachment over 10 MB',
    (invoice) => ({
      ...invoice,
      attachments: [{ fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: pdf(10_000_001) }],
    }),
    'attachments[0].contentBase64',
    'max_attachment_bytes',
  ],
  [
    'an attachment of another type',
    (invoice) => ({
      ...invoice,
      attachments: [{ fileName: 'notes.txt', mediaType: 'text/plain', contentBase64: pdf(10) }],
    }),
    'attachments[0].mediaType',
    'attachment_type',
  ],
  [
    'special characters in a file name',
    (invoice) => ({
      ...invoice,
      attachments: [{ fileName: 'lasku*?.pdf', mediaType: 'application/pdf', contentBase64: pdf(10) }],
    }),
    'attachments[0].fileName',
    'file_name_characters',
  ],
  ['a quantity of 1e308', (invoice) => withRow(invoice, { quantity: 1e308 }), 'rows[0].quantity', 'quantity_limits'],
  [
    'a unit price of 1e300',
    (invoice) => withRow(invoice, { unitPrice: 1e300 }),
    'rows[0].unitPrice',
    'unit_price_limits',
  ],
  [
    'a unit price of 1e-7',
    (invoice) => withRow(invoice, { unitPrice: 1e-7 }),
    'rows[0].unitPrice',
    'unit_price_limits',
  ],
  [
    'a unit price of -1e15',
    (invoice) => withRow(invoice, { unitPrice: -1e15 }),
    'rows[0].unitPrice',
    'unit_price_limits',
  ],
  [
    'a discount with 5 decimals',
    (invoice) => withRow(invoice, { discountPercent: 10.00001 }),
    'rows[0].discountPercent',
    'discount_percent_limits',
  ],
  [
    'an invoice dated in 2999',
    ({ dueDate: _dueDate, ...invoice }) => ({ ...invoice, invoiceDate: '2999-01-01' }),
    'invoiceDate',
    'date_window',
  ],
  [
    'an invoice dated in 1800',
    ({ dueDate: _dueDate, ...invoice }) => ({ ...invoice, invoiceDate: '1800-01-01' }),
    'invoiceDate',
    'date_window',
  ],
  ['the currency XXX', (invoice) => ({ ...invoice, currency: 'XXX' }), 'currency', 'procountor_currency'],
  [
    'the VAT number FI12',
    (invoice) => ({ ...invoice, customer: { ...invoice.customer, vatNumber: 'FI12' } }),
    'customer.vatNumber',
    'vat_number',
  ],
  [
    'the VAT number XX',
    (invoice) => ({ ...invoice, customer: { ...invoice.customer, vatNumber: 'XX' } }),
    'customer.vatNumber',
    'vat_number_country',
  ],
  [
    'an OVT address with a wrong business-ID check digit',
    (invoice) => ({
      ...invoice,
      customer: { ...invoice.customer, eInvoice: { address: '003712345678', operator: '003721291126' } },
    }),
    'customer.eInvoice.address',
    'e_invoice_address',
  ],
  [
    'an e-invoice operator that is no operator code',
    (invoice) => ({
      ...invoice,
      customer: { ...invoice.customer, eInvoice: { address: 'FI2112345600000785', operator: 'OPERAATTORI' } },
    }),
    'customer.eInvoice.operator',
    'e_invoice_operator',
  ],
  [
    'a PDF attachment whose content is a GIF',
    (invoice) => ({
      ...invoice,
      attachments: [
        {
          fileName: 'lasku.pdf',
          mediaType: 'application/pdf',
          contentBase64: Buffer.from('GIF89a..').toString('base64'),
        },
      ],
    }),
    'attachments[0].contentBase64',
    'attachment_content_type',
  ],
  [
    'attachment content that is not base64',
    (invoice) => ({
      ...invoice,
      attachments: [{ fileName: 'lasku.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0x*Lj' }],
    }),
    'attachments[0].contentBase64',
    'base64',
  ],
];

describeOnBothDatabases('sales invoice rejections', (database) => {
  let kit: TransferTestKit;
  let api: TransferApi;
  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
    api = await startTransferApi(kit.deps);
  });
  afterAll(async () => {
    await api.close();
    await kit.stop();
  });

  const counts = async () => {
    const transfers = await database.db
      .selectFrom('transfers')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const jobs = await sql<{ n: string }>`select count(*) as n from pgboss.job`.execute(database.db);
    const events = await database.db
      .selectFrom('transfer_events')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { transfers: Number(transfers.n), jobs: Number(jobs.rows[0]?.n), events: Number(events.n) };
  };

  for (const [what, mutate, path, rule] of CASES) {
    it(`rejects ${what} with 400 naming ${path} and stores nothing`, async () => {
      const { connectionId } = await kit.createTestConnection();
      const before = await counts();
      const response = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices`, {
        body: mutate(buildSalesInvoice()),
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]));
      expect(await counts()).toEqual(before);
    });
  }

  it('reports the same findings with the same codes in the dry run, on PUT and in a batch', async () => {
    const { connectionId } = await kit.createTestConnection();
    const before = await counts();
    for (const [what, mutate, path, rule] of CASES) {
      const body = mutate(buildSalesInvoice()) as SalesInvoiceInput;
      const expected = expect.arrayContaining([expect.objectContaining({ path, rule })]);
      const dryRun = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices/validate`, { body });
      expect({ what, status: dryRun.status, valid: dryRun.body.valid }).toEqual({ what, status: 200, valid: false });
      expect(dryRun.body.problems).toEqual(expected);
      const put = await api.call('PUT', `/v1/connections/${connectionId}/sales-invoices/${body.externalId}`, { body });
      expect({ what, status: put.status }).toEqual({ what, status: 400 });
      expect(put.body.details).toEqual(expected);
    }
    const batch = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices/batch`, {
      body: { documents: CASES.slice(-10).map(([, mutate]) => mutate(buildSalesInvoice())) },
    });
    expect(batch.body.rejected).toBe(10);
    CASES.slice(-10).forEach(([, , path, rule], index) => {
      expect(batch.body.results[index].error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule })]),
      );
    });
    expect(await counts()).toEqual(before);
  });
});
