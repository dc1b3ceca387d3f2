// The kernel's request boundary through the composed bridge: nothing coerced, text that cannot be stored refused by
// path, unknown fields named, invalid JSON located; what is legitimate (null, BOM, duplicate keys) still accepted.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';

describeOnBothDatabases('strict request boundary', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;
  let connectionId: string;
  let token: string;

  /** Sends `text` as it is, with the JSON content type. */
  const raw = async (method: string, path: string, text: string) => {
    const response = await fetch(`${bridge.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: text,
    });
    return { status: response.status, json: await response.json() };
  };

  const counts = async () => {
    const count = async (table: 'transfers' | 'connections') =>
      Number((await database.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return { transfers: await count('transfers'), connections: await count('connections') };
  };

  beforeAll(async () => {
    procountor = await startTestProcountor('Rajatarkka Oy');
    bridge = await startTestBridge(database.db);
    call = apiCaller(bridge.url);
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Rajatarkka',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    connectionId = created.json.id;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  const submit = (body: unknown) => call('POST', `/v1/connections/${connectionId}/sales-invoices`, token, body);

  it.each([
    ['externalId: 12345', { externalId: 12345 }, 'externalId', 'must be a string, not an integer'],
    ['externalId: true', { externalId: true }, 'externalId', 'must be a string, not a boolean'],
    ['externalId: ["a"]', { externalId: ['a'] }, 'externalId', 'must be a string, not an array'],
    ['paymentTermDays: true', { paymentTermDays: true }, 'paymentTermDays', 'must be an integer, not a boolean'],
    ['paymentTermDays: "14"', { paymentTermDays: '14' }, 'paymentTermDays', 'must be an integer, not a string'],
    ['notes: ["x"]', { notes: ['x'] }, 'notes', 'must be a string, not an array'],
    ['language: 5', { language: 5 }, 'language', 'must be one of "fi", "sv", "en", "et", "no", "da"'],
  ])('refuses %s without coercing it, naming the path and the expected type', async (_what, change, path, message) => {
    const before = await counts();
    const response = await submit({ ...buildSalesInvoice(), ...change });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('validation_failed');
    expect(response.json.details).toEqual([expect.objectContaining({ path, message })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a wrong type deep in the document by its path', async () => {
    const invoice = buildSalesInvoice();
    const response = await submit({
      ...invoice,
      customer: { ...invoice.customer, name: 42 },
      rows: [{ ...invoice.rows[0], quantity: '2' }],
    });
    expect(response.status).toBe(400);
    expect(response.json.details).toEqual(
      expect.arrayContaining([
        { path: 'customer.name', rule: 'type', message: 'must be a string, not an integer' },
        { path: 'rows[0].quantity', rule: 'type', message: 'must be a number, not a string' },
      ]),
    );
  });

  it('still converts declared integers of the query string', async () => {
    const listed = await call('GET', `/v1/connections/${connectionId}/transfers?pageSize=5`, token);
    expect(listed.status).toBe(200);
    const refused = await call('GET', `/v1/connections/${connectionId}/transfers?pageSize=many`, token);
    expect(refused.status).toBe(400);
    expect(refused.json.details).toEqual([expect.objectContaining({ path: 'querystring.pageSize', rule: 'type' })]);
  });

  it.each([
    ['NUL in notes', { notes: 'a\u0000b' }, 'notes', 'no_nul_character'],
    ['a lone surrogate in the invoice number', { invoiceNumber: 'S-\ud800' }, 'invoiceNumber', 'no_lone_surrogate'],
    ['a bell in the externalId', { externalId: 'INV-\u0007' }, 'externalId', 'no_control_character'],
    ['a line feed in the order reference', { orderReference: 'PO\n1' }, 'orderReference', 'single_line'],
  ])('refuses %s with the field path and the rule, storing nothing', async (_what, change, path, rule) => {
    const before = await counts();
    const response = await submit({ ...buildSalesInvoice(), ...change });
    expect(response.status).toBe(400);
    expect(response.json.details).toEqual([expect.objectContaining({ path, rule })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses control characters deep in rows and in a row name, and lets multi-line text keep its lines', async () => {
    const invoice = buildSalesInvoice();
    const refused = await submit({ ...invoice, rows: [{ ...invoice.rows[0], name: 'Työ\u0000' }] });
    expect(refused.json.details).toEqual([expect.objectContaining({ path: 'rows[0].name', rule: 'no_nul_character' })]);
    const accepted = await submit({
      ...buildSalesInvoice(),
      notes: 'First line\r\nsecond line\twith a tab',
      rows: [{ ...invoice.rows[0], description: 'Row comment\nmore about it' }],
    });
    expect(accepted.status).toBe(202);
  });

  it('refuses NUL in a path parameter, a query value and a connection name instead of answering 500', async () => {
    const inPath = await call('GET', `/v1/connections/${connectionId}/sales-invoices/INV%00X`, token);
    expect(inPath.status).toBe(400);
    expect(inPath.json.details).toEqual([
      expect.objectContaining({ path: 'params.externalId', rule: 'no_nul_character' }),
    ]);
    const inQuery = await call('GET', `/v1/connections/${connectionId}/transfers?q=a%00b`, token);
    expect(inQuery.status).toBe(400);
    expect(inQuery.json.details).toEqual([
      expect.objectContaining({ path: 'querystring.q', rule: 'no_nul_character' }),
    ]);
    const before = await counts();
    const connection = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Bad\u0000name',
      environment: 'test',
      clientId: 'c',
      clientSecret: 's',
      apiKey: 'k',
    });
    expect(connection.status).toBe(400);
    expect(connection.json.details).toEqual([expect.objectContaining({ path: 'name', rule: 'no_nul_character' })]);
    expect(await counts()).toEqual(before);
  });

  it('checks the documents of a batch and of a dry run with the same rules, each by its path', async () => {
    const good = buildSalesInvoice();
    const batch = await call('POST', `/v1/connections/${connectionId}/sales-invoices/batch`, token, {
      documents: [good, { ...buildSalesInvoice(), notes: 'x\u0000' }, { ...buildSalesInvoice(), externalId: 7 }],
    });
    expect(batch.status).toBe(200);
    expect(batch.json.results.map((result: { status: number }) => result.status)).toEqual([202, 400, 400]);
    expect(batch.json.results[1].error.details).toEqual([
      expect.objectContaining({ path: 'notes', rule: 'no_nul_character' }),
    ]);
    expect(batch.json.results[2].error.details).toEqual([
      expect.objectContaining({ path: 'externalId', rule: 'type', message: 'must be a string, not an integer' }),
    ]);
    const dryRun = await call('POST', `/v1/connections/${connectionId}/sales-invoices/validate`, token, {
      ...buildSalesInvoice(),
      paymentTermDays: '14',
      customer: { ...good.customer, name: 'A\ud800' },
    });
    expect(dryRun.json.valid).toBe(false);
    expect(dryRun.json.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'paymentTermDays', rule: 'type' }),
        expect.objectContaining({ path: 'customer.name', rule: 'no_lone_surrogate' }),
      ]),
    );
  });

  it('names an unknown property by its path', async () => {
    const invoice = buildSalesInvoice();
    const response = await submit({ ...invoice, foo: 1, rows: [{ ...invoice.rows[0], bar: 2 }] });
    expect(response.status).toBe(400);
    expect(response.json.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'foo', rule: 'no_unknown_fields' }),
        expect.objectContaining({ path: 'rows[0].bar', rule: 'no_unknown_fields' }),
      ]),
    );
    expect(response.json.details).toHaveLength(2);
  });

  it('answers invalid JSON with invalid_json and the line and column', async () => {
    const before = await counts();
    const response = await raw(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      '{\n  "externalId": "x",\n  "notes": }',
    );
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'invalid_json',
      message: 'The body is not valid JSON: line 3, column 12: expected a value.',
      details: [{ path: '(body)', rule: 'json_syntax', message: 'line 3, column 12: expected a value' }],
    });
    const trailing = await raw('POST', `/v1/connections/${connectionId}/sales-invoices`, '{"externalId": "x",}');
    expect(trailing.json.details[0].message).toBe('line 1, column 20: expected a property name in double quotes');
    expect(await counts()).toEqual(before);
  });

  it('accepts null for an optional field as absent, a BOM, duplicate keys (the last wins) and an empty reference', async () => {
    const invoice = buildSalesInvoice();
    const withNulls = await submit({ ...invoice, notes: null, dueDate: null, referenceCode: '' });
    expect(withNulls.status).toBe(202);
    const stored = await call(
      'GET',
      `/v1/connections/${connectionId}/transfers/${withNulls.json.transferId}/document`,
      token,
    );
    expect(stored.json.document).not.toHaveProperty('notes');
    expect(stored.json.document).not.toHaveProperty('dueDate');

    const required = await submit({ ...buildSalesInvoice(), customer: null });
    expect(required.status).toBe(400);
    expect(required.json.details).toEqual([
      expect.objectContaining({ path: 'customer', rule: 'type', message: 'must be an object, not null' }),
    ]);

    const second = buildSalesInvoice();
    const text = `\ufeff${JSON.stringify(second).replace('{', '{"externalId": "overwritten",')}`;
    const bom = await raw('POST', `/v1/connections/${connectionId}/sales-invoices`, text);
    expect(bom.status).toBe(202);
    const read = await call('GET', `/v1/connections/${connectionId}/sales-invoices/${second.externalId}`, token);
    expect(read.status).toBe(200);
  });
});
