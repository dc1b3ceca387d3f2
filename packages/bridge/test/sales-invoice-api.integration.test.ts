// Sales invoice API end to end over real HTTP: submit, idempotency, conflicts, dry run, manual mode, cancel, fix and resend.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTransferRunner } from '../src/transfers/run-transfer';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import { describeOnBothDatabases } from './helpers/test-database';
import { startTransferApi, type TransferApi } from './helpers/transfer-api';
import { startTransferTestKit, type TransferTestKit } from './helpers/transfer-test-kit';

describeOnBothDatabases('sales invoice API', (database) => {
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
  const runner = () => createTransferRunner(kit.deps, { retry: { baseDelayMs: 0 }, staleInProgressMs: 0 });
  const base = (connectionId: string) => `/v1/connections/${connectionId}`;

  it('accepts a sales invoice with 202, answers the same document again with 200 and the same body', async () => {
    const { connectionId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const first = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ state: 'queued', externalId: invoice.externalId });
    expect(first.body.links.self).toBe(`${base(connectionId)}/transfers/${first.body.transferId}`);
    const again = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    expect(again).toEqual({ status: 200, body: first.body });

    const read = await api.call('GET', `${base(connectionId)}/sales-invoices/${invoice.externalId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ state: 'queued', currentStep: null, lastError: null });
    expect(read.body.timeline).toHaveLength(1);
  });

  it('answers racing identical submits with one transfer (one 202, the others 200 with its id)', async () => {
    const { connectionId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice({ customer: { ...buildSalesInvoice().customer, businessId: ' 07375462 ' } });
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 202]);
    expect(new Set(answers.map((answer) => answer.body.transferId)).size).toBe(1);
    // The business ID is stored in its official form: the same customer written the other way is the same document.
    const hyphenated = { ...invoice, customer: { ...invoice.customer, businessId: '0737546-2' } };
    const again = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: hyphenated });
    expect(again).toMatchObject({ status: 200, body: { transferId: answers[0]!.body.transferId } });
    const stored = await database.db
      .selectFrom('transfers')
      .select('payload')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(stored).toHaveLength(1);
    expect((stored[0]!.payload as { customer: { businessId: string } }).customer.businessId).toBe('0737546-2');
  });

  it('replays an Idempotency-Key and refuses the same key with another body (422)', async () => {
    const { connectionId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const headers = { 'idempotency-key': `key-${invoice.externalId}` };
    const first = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice, headers });
    const replay = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice, headers });
    expect(first.status).toBe(202);
    expect(replay).toEqual(first);
    const other = await api.call('POST', `${base(connectionId)}/sales-invoices`, {
      body: buildSalesInvoice(),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('answers 409 external_id_conflict naming the transfer when the externalId comes with another payload', async () => {
    const { connectionId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const first = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    const changed = { ...invoice, notes: 'changed' };
    const conflict = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: changed });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('external_id_conflict');
    expect(conflict.body.message).toContain(first.body.transferId);
  });

  it('dry-runs a document without writing to Procountor and shows what would be created', async () => {
    const { connectionId } = await kit.createTestConnection({ createProductsInProcountor: true });
    const invoice = buildSalesInvoice({
      rows: [{ kind: 'item', productCode: 'NEW-1', name: 'Widget', quantity: 1, unitPrice: 10, vatPercent: 25.5 }],
    });
    const before = await fetch(`${kit.emulator.url}/_emulator/requests`).then((r) => r.json());
    const after = before.entries.at(-1)?.sequence ?? 0;
    const result = await api.call('POST', `${base(connectionId)}/sales-invoices/validate`, { body: invoice });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ valid: true, problems: [] });
    expect(result.body.wouldCreate.partner).toMatchObject({ name: 'Asiakas Oy', type: 'CUSTOMER' });
    expect(result.body.wouldCreate.products).toEqual([expect.objectContaining({ code: 'NEW-1' })]);
    expect(result.body.procountorInvoice).toMatchObject({ type: 'SALES_INVOICE', invoiceChannel: 'MAIL' });
    expect(result.body.matched).toEqual({ products: {} });
    const log = await fetch(`${kit.emulator.url}/_emulator/requests?after=${after}`).then((r) => r.json());
    const writes = log.entries.filter(
      (entry: { method: string; path: string }) => entry.method !== 'GET' && entry.path !== '/api/oauth/token',
    );
    expect(log.entries.length).toBeGreaterThan(0);
    expect(writes).toEqual([]);
    const bad = await api.call('POST', `${base(connectionId)}/sales-invoices/validate`, {
      body: { ...invoice, currency: 'XYZ' },
    });
    expect(bad.body).toMatchObject({ valid: false, problems: [expect.objectContaining({ path: 'currency' })] });
  });

  it('dry-run shows the partner a transfer would match, and by which rule', async () => {
    const { connectionId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const { body } = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    expect(await runner().run(body.transferId)).toBe('succeeded');
    const next = { ...buildSalesInvoice(), customer: invoice.customer };
    const result = await api.call('POST', `${base(connectionId)}/sales-invoices/validate`, { body: next });
    expect(result.body.matched.partner).toMatchObject({ rule: 'same business ID and customer number' });
    expect(result.body.wouldCreate.partner).toBeUndefined();
  });

  it('keeps a document waiting in manual mode until "Send to Procountor"', async () => {
    const { connectionId, companyId } = await kit.createTestConnection({ transferMode: 'manual' });
    const invoice = buildSalesInvoice();
    const submitted = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    expect(submitted.body.state).toBe('waiting_for_send');
    const { transferId } = submitted.body;
    expect(await runner().run(transferId)).toBe('skipped');
    const sent = await api.call('POST', `${base(connectionId)}/transfers/${transferId}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('queued');
    expect(await runner().run(transferId)).toBe('succeeded');
    expect(kit.company(companyId).invoices.size).toBe(1);
    const again = await api.call('POST', `${base(connectionId)}/transfers/${transferId}/send`);
    expect(again.status).toBe(409);
  });

  it('cancels a transfer before anything reached Procountor, and refuses to cancel one already there', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const first = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: buildSalesInvoice() });
    const cancelled = await api.call('POST', `${base(connectionId)}/transfers/${first.body.transferId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(await runner().run(first.body.transferId)).toBe('skipped');
    expect(kit.company(companyId).invoices.size).toBe(0);

    const second = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: buildSalesInvoice() });
    await runner().run(second.body.transferId);
    const refused = await api.call('POST', `${base(connectionId)}/transfers/${second.body.transferId}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('credit it instead');
  });

  it('fails with a plain reason and fix, then succeeds after a PUT with the corrected document', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice({
      rows: [{ kind: 'item', productCode: 'MISSING', name: 'Thing', quantity: 1, unitPrice: 5, vatPercent: 25.5 }],
    });
    const { body } = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    expect(await runner().run(body.transferId)).toBe('failed');
    const failed = await api.call('GET', `${base(connectionId)}/sales-invoices/${invoice.externalId}`);
    expect(failed.body).toMatchObject({
      state: 'failed',
      currentStep: 'resolve_products',
      lastError: { code: 'product_not_found', step: 'resolve_products' },
    });
    expect(failed.body.lastError.message).toContain('MISSING');
    expect(failed.body.lastError.fix).toContain('defaultProductCode');

    const fixed = { ...invoice, rows: [{ ...invoice.rows[0]!, productCode: undefined }] };
    delete fixed.rows[0]!.productCode;
    const put = await api.call('PUT', `${base(connectionId)}/sales-invoices/${invoice.externalId}`, { body: fixed });
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ transferId: body.transferId, state: 'queued' });
    expect(await runner().run(body.transferId)).toBe('succeeded');
    expect(kit.company(companyId).invoices.size).toBe(1);
    const changedAgain = await api.call('PUT', `${base(connectionId)}/sales-invoices/${invoice.externalId}`, {
      body: { ...fixed, notes: 'too late' },
    });
    expect(changedAgain.status).toBe(409);
  });

  it('resends a failed transfer after the setting is fixed, and retries all failed ones in bulk', async () => {
    const { connectionId } = await kit.createTestConnection({ projectDimension: 'Hankkeet' });
    const withProject = () =>
      buildSalesInvoice({
        rows: [
          { kind: 'item', name: 'Work', quantity: 1, unitPrice: 5, vatPercent: 25.5, dimensions: { project: 'P1' } },
        ],
      });
    const one = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: withProject() });
    const two = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: withProject() });
    expect(await runner().run(one.body.transferId)).toBe('failed');
    expect(await runner().run(two.body.transferId)).toBe('failed');
    const failed = await api.call('GET', `${base(connectionId)}/transfers?state=failed`);
    expect(failed.body.items).toHaveLength(2);
    expect(failed.body.items[0].lastError.code).toBe('dimension_not_found');

    await kit.setSettings(connectionId, { projectDimension: 'Projektit' });
    const resent = await api.call('POST', `${base(connectionId)}/transfers/${one.body.transferId}/resend`);
    expect(resent.body.state).toBe('queued');
    expect(await runner().run(one.body.transferId)).toBe('succeeded');
    const bulk = await api.call('POST', `${base(connectionId)}/transfers/retry-failed`, { body: {} });
    expect(bulk.body).toEqual({ count: 1, transferIds: [two.body.transferId] });
    expect(await runner().run(two.body.transferId)).toBe('succeeded');
  });

  it('takes a batch with each document on its own', async () => {
    const { connectionId } = await kit.createTestConnection();
    const good = buildSalesInvoice();
    const bad = buildSalesInvoice({ customer: { ...buildSalesInvoice().customer, businessId: '1234567-8' } });
    const response = await api.call('POST', `${base(connectionId)}/sales-invoices/batch`, {
      body: { documents: [good, bad, good] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(response.body.results.map((result: { status: number }) => result.status)).toEqual([202, 400, 200]);
    expect(response.body.results[1].error.details[0]).toMatchObject({ path: 'customer.businessId' });
  });

  it('answers each document of a batch as a single submit would, and stores the new ones in request order', async () => {
    const { connectionId } = await kit.createTestConnection();
    const before = buildSalesInvoice();
    const earlier = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: before });
    const fresh = [buildSalesInvoice(), buildSalesInvoice(), buildSalesInvoice()];
    const documents = [
      fresh[0],
      before, // stored before the batch: 200 with its transfer
      { ...before, notes: 'changed' }, // another document under a taken externalId: 409
      fresh[1],
      { ...fresh[1], notes: 'changed' }, // taken earlier in the same batch: 409 naming that transfer
      fresh[1], // the same document twice in one batch: 200 with the transfer made a moment before
      fresh[2],
    ];
    const response = await api.call('POST', `${base(connectionId)}/sales-invoices/batch`, { body: { documents } });
    expect(response.status).toBe(200);
    const results = response.body.results as Array<{
      status: number;
      transferId?: string;
      error?: { code: string; message: string };
    }>;
    expect(results.map((result) => result.status)).toEqual([202, 200, 409, 202, 409, 200, 202]);
    expect(response.body).toMatchObject({ accepted: 5, rejected: 2 });
    expect(results[1]!.transferId).toBe(earlier.body.transferId);
    expect(results[2]!.error?.message).toContain(earlier.body.transferId);
    expect(results[4]!.error).toMatchObject({ code: 'external_id_conflict' });
    expect(results[4]!.error?.message).toContain(results[3]!.transferId);
    expect(results[5]!.transferId).toBe(results[3]!.transferId);

    // Three new transfers, each with its first timeline line and its job; the list (newest first) keeps their order.
    const list = await api.call('GET', `${base(connectionId)}/transfers?pageSize=10`);
    expect(list.body.items.map((item: { externalId: string }) => item.externalId)).toEqual([
      fresh[2]!.externalId,
      fresh[1]!.externalId,
      fresh[0]!.externalId,
      before.externalId,
    ]);
    for (const index of [0, 3, 6]) {
      const transferId = results[index]!.transferId as string;
      const read = await api.call('GET', `${base(connectionId)}/transfers/${transferId}`);
      expect(read.body).toMatchObject({ state: 'queued' });
      expect(read.body.timeline).toHaveLength(1);
      expect(await runner().run(transferId)).toBe('succeeded');
    }
  });

  it('lists transfers with filters and cursor paging', async () => {
    const { connectionId } = await kit.createTestConnection();
    for (const name of ['Alpha Oy', 'Beta Oy', 'Alpha Ab']) {
      const invoice = buildSalesInvoice();
      await api.call('POST', `${base(connectionId)}/sales-invoices`, {
        body: { ...invoice, customer: { ...invoice.customer, name } },
      });
    }
    const alpha = await api.call('GET', `${base(connectionId)}/transfers?customer=alpha&amountMin=200`);
    expect(alpha.body.items.map((item: { customerName: string }) => item.customerName)).toEqual([
      'Alpha Ab',
      'Alpha Oy',
    ]);
    const page1 = await api.call('GET', `${base(connectionId)}/transfers?pageSize=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api.call('GET', `${base(connectionId)}/transfers?pageSize=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ nextCursor: null });
    expect(page2.body.items).toHaveLength(1);
    const byPage = await api.call('GET', `${base(connectionId)}/transfers?page=1&pageSize=2&kind=sales_invoice`);
    expect(byPage.body).toMatchObject({ total: 3, page: 1 });
  });

  it('answers 404 to a token of another connection on every route', async () => {
    const { connectionId } = await kit.createTestConnection();
    const other = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const { body } = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: invoice });
    const token = `connection:${other.connectionId}`;
    for (const [method, path, payload] of [
      ['POST', `${base(connectionId)}/sales-invoices`, invoice],
      ['POST', `${base(connectionId)}/sales-invoices/validate`, invoice],
      ['POST', `${base(connectionId)}/sales-invoices/batch`, { documents: [invoice] }],
      ['PUT', `${base(connectionId)}/sales-invoices/${invoice.externalId}`, invoice],
      ['GET', `${base(connectionId)}/sales-invoices/${invoice.externalId}`, undefined],
      ['GET', `${base(connectionId)}/transfers`, undefined],
      ['GET', `${base(connectionId)}/transfers/${body.transferId}`, undefined],
      ['POST', `${base(connectionId)}/transfers/${body.transferId}/cancel`, undefined],
      ['POST', `${base(connectionId)}/transfers/retry-failed`, {}],
      ['POST', `${base(connectionId)}/credit-invoices`, { externalId: 'x', creditsExternalId: 'y', whole: true }],
      ['GET', `${base(other.connectionId)}/transfers/${body.transferId}`, undefined],
    ] as const) {
      const response = await api.call(method, path, { token, body: payload });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(
      (await api.call('GET', `${base(connectionId)}/transfers`, { token: `connection:${connectionId}` })).status,
    ).toBe(200);
  });

  it('refuses documents for a disabled connection', async () => {
    const { connectionId } = await kit.createTestConnection();
    await kit.setStatus(connectionId, 'disabled');
    const response = await api.call('POST', `${base(connectionId)}/sales-invoices`, { body: buildSalesInvoice() });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('connection_not_active');
  });

  it('documents every transfer route with descriptions in /openapi.json', async () => {
    const document = await fetch(`${api.url}/openapi.json`).then((response) => response.json());
    for (const path of [
      '/v1/connections/{connectionId}/sales-invoices',
      '/v1/connections/{connectionId}/sales-invoices/validate',
      '/v1/connections/{connectionId}/sales-invoices/batch',
      '/v1/connections/{connectionId}/sales-invoices/{externalId}',
      '/v1/connections/{connectionId}/transfers',
      '/v1/connections/{connectionId}/transfers/{transferId}',
      '/v1/connections/{connectionId}/transfers/{transferId}/resend',
      '/v1/connections/{connectionId}/transfers/{transferId}/cancel',
      '/v1/connections/{connectionId}/transfers/{transferId}/send',
      '/v1/connections/{connectionId}/transfers/retry-failed',
      '/v1/connections/{connectionId}/credit-invoices',
    ]) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
    const submit = document.paths['/v1/connections/{connectionId}/sales-invoices'].post;
    expect(submit.description).toContain('Idempotency-Key');
    expect(JSON.stringify(submit.requestBody)).toContain('Finnish business ID');
  });
});
