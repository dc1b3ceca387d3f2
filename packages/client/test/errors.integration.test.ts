import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ProcountorBadRequestError,
  type ProcountorError,
  ProcountorNotFoundError,
  ProcountorPermissionDeniedError,
  ProcountorServerError,
} from '../src';
import { createTestClient, type FakeProcountor, sendJson, startFakeProcountor } from './fake-procountor';

describe('error decoding', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
  });
  afterEach(() => fake.close());

  it("decodes Procountor's errors[] with field, code and an explanation in English and Finnish", async () => {
    fake.route('PUT', '/invoices/9', (_, res) =>
      sendJson(res, 400, {
        errors: [
          { status: 400, field: 'dueDate', message: 'DUE_DATE_BEFORE_BILL_DATE' },
          { status: 400, field: 'counterParty.identifier', message: 'ERROR_BRN_CODE' },
        ],
      }),
    );
    const client = createTestClient(fake);
    const error = (await client.invoices.update(9, {} as never).catch((e: unknown) => e)) as ProcountorBadRequestError;
    expect(error).toBeInstanceOf(ProcountorBadRequestError);
    expect(error).toMatchObject({ status: 400, method: 'PUT', path: '/invoices/9' });
    expect(error.entries).toEqual([
      { status: 400, field: 'dueDate', message: 'DUE_DATE_BEFORE_BILL_DATE', code: 'DUE_DATE_BEFORE_BILL_DATE' },
      { status: 400, field: 'counterParty.identifier', message: 'ERROR_BRN_CODE', code: 'ERROR_BRN_CODE' },
    ]);
    expect(error.hasCode('ERROR_BRN_CODE')).toBe(true);
    expect(error.message).toContain('dueDate: DUE_DATE_BEFORE_BILL_DATE');
    expect(error.explanation.en).toContain('due date is before the invoice date');
    expect(error.explanation.fi).toContain('Y-tunnus');
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('decodes the older constraintViolations[].errorCode shape', async () => {
    fake.route('POST', '/businesspartners', (_, res) =>
      sendJson(res, 400, {
        constraintViolations: [{ errorCode: 'INVALID_OVT', field: 'invoicingInfo.eInvoiceAddress' }],
      }),
    );
    const client = createTestClient(fake);
    const error = (await client.businessPartners.create({} as never).catch((e: unknown) => e)) as ProcountorError;
    expect(error).toBeInstanceOf(ProcountorBadRequestError);
    expect(error.entries).toEqual([
      { field: 'invoicingInfo.eInvoiceAddress', message: 'INVALID_OVT', code: 'INVALID_OVT' },
    ]);
    expect(error.explanation.fi).toContain('OVT');
  });

  it("keeps a proxy's HTML 500 as raw text after the GET's retries", async () => {
    const html = '<html><body><h1>500 Internal Server Error</h1></body></html>';
    fake.route('GET', '/company', (_, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(html);
    });
    const client = createTestClient(fake, { maxRetries: 1 });
    const error = (await client.company.get().catch((e: unknown) => e)) as ProcountorServerError;
    expect(error).toBeInstanceOf(ProcountorServerError);
    expect(error.entries).toEqual([]);
    expect(error.rawBody).toBe(html);
    expect(error.message).toContain('500 Internal Server Error');
    expect(error.explanation.en).toContain('internal problem');
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('builds the class from the status: 403 permission denied, 404 not found', async () => {
    fake.route('GET', '/invoices/1', (_, res) =>
      sendJson(res, 403, { errors: [{ status: 403, message: 'Forbidden' }] }),
    );
    const client = createTestClient(fake);
    await expect(client.invoices.get(1)).rejects.toBeInstanceOf(ProcountorPermissionDeniedError);
    await expect(client.invoices.get(2)).rejects.toBeInstanceOf(ProcountorNotFoundError);
  });
});
