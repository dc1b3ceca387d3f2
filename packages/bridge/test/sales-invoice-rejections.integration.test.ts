// Bad sales invoices get a precise 4xx naming the field and rule, and nothing is stored: no transfer, no job.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SalesInvoiceInput } from '../src/sales-invoices/sales-invoice-schema';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import { describeOnBothDatabases } from './helpers/test-database';
import { startTransferApi, type TransferApi } from './helpers/transfer-api';
import { startTransferTestKit, type TransferTestKit } from './helpers/transfer-test-kit';

const pdf = (bytes: number) => Buffer.alloc(bytes, 1).toString('base64');

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
    'iban',
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
});
