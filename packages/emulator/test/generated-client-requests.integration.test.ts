// Drives the emulator with plain HTTP requests shaped as clients generated from Procountor's OpenAPI document send
// them (openapi-generator's typescript-fetch and the like), not as our own client does: a form-encoded token request
// with the content type set by hand, `Accept: application/json`, comma-separated id lists percent-encoded in paths
// and `style: form, explode: false` queries, `size`/`page` paging, JSON bodies with a charset and null fields, and
// multipart parts typed application/json. Every 2xx answer is held to the contract (no property outside it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedCompany } from '../src/companies/create-company';
import { seedDemoCompany } from '../src/companies/demo-seed';
import { type RunningEmulator, startEmulator } from '../src/start-emulator';
import { ContractResponses } from './conformance/contract-responses';
import { TEST_IBAN } from './helpers/invoice-test-builders';
import { multipartBody } from './helpers/multipart-test-body';

/** What such clients put on every call. */
const GENERATED_HEADERS = { accept: 'application/json', 'user-agent': 'OpenAPI-Generator/7.12.0/typescript-fetch' };

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads a few fields of untyped JSON answers.
  json: any;
}

describe('requests shaped as generated third-party clients send them', () => {
  let emulator: RunningEmulator;
  let company: CreatedCompany;
  let token: string;
  const contract = ContractResponses.load();
  const problems: string[] = [];

  /** Sends a request and holds a 2xx JSON answer to the contract's closed response schema of its operation. */
  async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
    const response = await fetch(`${emulator.baseUrl}${path}`, {
      method,
      headers: { ...GENERATED_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const json = text && contentType?.includes('json') ? JSON.parse(text) : text;
    if (response.ok) {
      const servedPath = path.split('?')[0]!.replace(/%2C/gi, ',');
      // Several ids answer an array of the single schema's objects (README, Shared mechanics).
      const answers = Array.isArray(json) && servedPath.includes(',') ? json : [json];
      for (const answer of answers) {
        const verdict = contract.check(method, `/api${servedPath}`, response.status, answer, contentType);
        if (verdict.outcome === 'invalid') problems.push(`${method} ${path} → ${verdict.errors.join('; ')}`);
        if (verdict.outcome === 'no-operation') problems.push(`${method} ${path} → no such operation in the contract`);
      }
    }
    return { status: response.status, json } as Answer;
  }
  const sendJson = (method: string, path: string, body: unknown) =>
    send(method, path, {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
  /** typescript-fetch writes an array query parameter of `explode: false` as one value joined by commas, encoded. */
  const csv = (values: Array<string | number>) => encodeURIComponent(values.join(','));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    company = seedDemoCompany(emulator.context.state, new Date(emulator.context.now()).toISOString());
  });
  afterAll(() => emulator?.stop());

  it('gets a token with a form body whose content type is set by hand, and is refused with the charset fetch adds', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: company.clientId,
      client_secret: company.clientSecret,
      api_key: company.apiKey,
    });
    // A URLSearchParams body makes fetch send "application/x-www-form-urlencoded;charset=UTF-8" (FACTS.md: refused).
    expect((await send('POST', '/oauth/token', { body: form })).status).toBe(400);
    const answer = await send('POST', '/oauth/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    token = answer.json.access_token;
  });

  it('pages with size and page until a short page, the pages disjoint and adding up to totalCount', async () => {
    const seen: number[] = [];
    let total = -1;
    for (let page = 0; page < 20; page += 1) {
      const answer = await send('GET', `/businesspartners?type=CUSTOMER&size=3&page=${page}`);
      expect(answer.status).toBe(200);
      expect(answer.json.meta).toMatchObject({ pageNumber: page, pageSize: 3 });
      total = answer.json.meta.totalCount;
      seen.push(...answer.json.results.map((partner: { id: number }) => partner.id));
      if (answer.json.results.length < 3) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(3);
    expect((await send('GET', '/products?size=201')).status).toBe(400);
  });

  it('reads several partners and products by a percent-encoded comma-separated id list in the path', async () => {
    const partners = (await send('GET', '/businesspartners?type=CUSTOMER&size=2')).json.results;
    const ids = partners.map((partner: { id: number }) => partner.id);
    const batch = await send('GET', `/businesspartners/${csv(ids)}`);
    expect(batch.status).toBe(200);
    expect(batch.json.map((partner: { id: number }) => partner.id)).toEqual(ids);
    const products = (await send('GET', '/products?size=2')).json.results;
    const productIds = products.map((product: { id: number }) => product.id);
    expect((await send('GET', `/products/${csv(productIds)}`)).json).toHaveLength(2);
    // A header parameter (GET /businesspartners `name`): non-ASCII text percent-encoded, as fetch cannot send it raw.
    const byName = await send('GET', '/businesspartners?type=CUSTOMER', {
      headers: { name: encodeURIComponent(partners[0].name) },
    });
    expect(byName.json.results.map((partner: { id: number }) => partner.id)).toContain(ids[0]);
  });

  it('creates invoices from JSON with a charset and null fields, then lists them by comma-separated query values', async () => {
    const customer = (await send('GET', '/businesspartners?type=CUSTOMER&size=1')).json.results[0];
    const today = emulator.context.today();
    const invoice = (originalInvoiceNumber: string) => ({
      type: 'SALES_INVOICE',
      partnerId: customer.id,
      date: today,
      counterParty: {
        counterPartyAddress: {
          name: customer.name,
          street: 'Katu 1',
          zip: '00100',
          city: 'Helsinki',
          country: 'FINLAND',
        },
        email: 'laskut@asiakas.fi',
        contactPersonName: null,
      },
      paymentInfo: {
        paymentMethod: 'BANK_TRANSFER',
        currency: 'EUR',
        dueDate: today,
        currencyRate: 1,
        bankAccount: { accountNumber: TEST_IBAN, bic: null },
        bankReferenceCode: '',
        bankReferenceCodeType: 'FI',
        cashDiscount: null,
      },
      extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
      discountPercent: 0,
      invoiceChannel: 'EMAIL',
      language: 'FINNISH',
      vatStatus: 1,
      notes: null,
      originalInvoiceNumber,
      invoiceRows: [
        {
          product: 'Työ',
          quantity: 1,
          unit: 'HOUR',
          unitPrice: 100,
          discountPercent: 0,
          vatPercent: 25.5,
          comment: null,
        },
      ],
    });
    const first = await sendJson('POST', '/invoices', invoice('GEN-1'));
    expect(first.status).toBe(200);
    expect(first.json).not.toHaveProperty('notes');
    expect(first.json.counterParty).not.toHaveProperty('contactPersonName');
    const second = await sendJson('POST', '/invoices', invoice('GEN-2'));
    const ids = [first.json.id, second.json.id];
    // A required field sent as null is missing, as Procountor's validation reads it.
    const nullType = await sendJson('POST', '/invoices', { ...invoice('GEN-3'), type: null });
    expect(nullType.status).toBe(400);
    expect(nullType.json.errors).toEqual([{ status: 400, field: 'type', message: 'must not be null' }]);

    const byPath = await send('GET', `/invoices/${csv(ids)}`);
    expect(byPath.json.map((entry: { id: number }) => entry.id)).toEqual(ids);
    const search = await send('GET', `/invoices?types=${csv(['SALES_INVOICE', 'PURCHASE_INVOICE'])}&size=1&page=1`);
    expect(search.json.meta).toMatchObject({ pageNumber: 1, pageSize: 1 });
    expect(search.json.results).toHaveLength(1);
    const history = await send('GET', `/invoices/transactions?invoiceIds=${csv(ids)}`);
    expect(history.status).toBe(200);
    const events = await send('GET', `/payments/paymentevents?invoiceId=${csv(ids)}&size=50&page=0`);
    expect(events.status).toBe(200);
  });

  it('uploads an attachment with meta as a JSON-typed blob (typescript-fetch) and as a JSON-typed field', async () => {
    const invoiceId = (await send('GET', '/invoices?size=1')).json.results[0].id;
    const meta = (name: string) =>
      JSON.stringify({
        name,
        referenceType: 'INVOICE',
        referenceId: invoiceId,
        mimeType: null,
        sendWithInvoice: false,
      });
    const pdf = new TextEncoder().encode('%PDF-1.4 generated');

    const form = new FormData();
    form.append('meta', new Blob([meta('blob.pdf')], { type: 'application/json' }));
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'blob.pdf');
    const asBlob = await send('POST', '/attachments', { body: form });
    expect(asBlob.status).toBe(200);
    expect(asBlob.json.name).toBe('blob.pdf');

    const { contentType, body } = multipartBody([
      { name: 'meta', contentType: 'application/json', content: meta('field.pdf') },
      { name: 'file', filename: 'field.pdf', contentType: 'application/pdf', content: pdf },
    ]);
    const asField = await send('POST', '/attachments', { headers: { 'content-type': contentType }, body });
    expect(asField.status).toBe(200);
    expect(asField.json.name).toBe('field.pdf');
  });

  it('every 2xx answer above carries only contract fields', () => {
    expect(problems).toEqual([]);
  });
});
