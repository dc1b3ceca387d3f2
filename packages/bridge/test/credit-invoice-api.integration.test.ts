// Credit invoices over HTTP: whole or partial, linked to the original, the corrected invoice following.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTransferRunner } from '../src/transfers/run-transfer';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import { describeOnBothDatabases } from './helpers/test-database';
import { startTransferApi, type TransferApi } from './helpers/transfer-api';
import { startTransferTestKit, type TransferTestKit } from './helpers/transfer-test-kit';

describeOnBothDatabases('credit invoice API', (database) => {
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
  const run = (transferId: string) => createTransferRunner(kit.deps).run(transferId);

  /** A sales invoice with two rows, transferred to Procountor. */
  const transferredInvoice = async (connectionId: string) => {
    const invoice = buildSalesInvoice({
      rows: [
        { kind: 'item', name: 'Commission', quantity: 1, unitPrice: 1000, vatPercent: 25.5 },
        { kind: 'item', name: 'Marketing', quantity: 2, unitPrice: 50, vatPercent: 25.5 },
      ],
    });
    const { body } = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices`, { body: invoice });
    expect(await run(body.transferId)).toBe('succeeded');
    const read = await api.call('GET', `/v1/connections/${connectionId}/transfers/${body.transferId}`);
    return { invoice, transfer: read.body };
  };

  it('credits a whole invoice with notes naming it, then transfers the corrected invoice', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const { invoice, transfer } = await transferredInvoice(connectionId);
    const corrected = buildSalesInvoice({
      rows: [{ kind: 'item', name: 'Commission', quantity: 1, unitPrice: 900, vatPercent: 25.5 }],
    });
    const request = {
      externalId: `CR-${invoice.externalId}`,
      creditsExternalId: invoice.externalId,
      whole: true,
      reason: 'Commission amount was wrong',
      correctedInvoice: corrected,
    };
    const credit = await api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, { body: request });
    expect(credit.status).toBe(202);
    const repeat = await api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, { body: request });
    expect(repeat).toEqual({ status: 200, body: credit.body });
    expect(await run(credit.body.transferId)).toBe('succeeded');

    const creditRead = await api.call('GET', `/v1/connections/${connectionId}/credit-invoices/${request.externalId}`);
    expect(creditRead.body).toMatchObject({
      kind: 'credit_invoice',
      state: 'succeeded',
      creditsTransferId: transfer.transferId,
    });
    const procountorCredit = kit.company(companyId).invoices.get(creditRead.body.procountor.invoiceId)!;
    expect(procountorCredit.invoiceRows.map((row) => row.quantity)).toEqual([-1, -2]);
    const number = String(transfer.procountor.invoiceNumber);
    expect(procountorCredit.additionalInformation).toContain(number);
    expect(procountorCredit.notes).toContain(`Procountor invoice ${number}`);
    expect(procountorCredit.notes).toContain('Commission amount was wrong');

    const correctedTransferId = creditRead.body.correctedTransferId;
    expect(correctedTransferId).toEqual(expect.any(String));
    expect(await run(correctedTransferId)).toBe('succeeded');
    const correctedRead = await api.call(
      'GET',
      `/v1/connections/${connectionId}/sales-invoices/${corrected.externalId}`,
    );
    expect(correctedRead.body).toMatchObject({ state: 'succeeded', transferId: correctedTransferId });
    expect(kit.company(companyId).invoices.size).toBe(3);
  });

  it('credits part of an invoice with the given rows made negative', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const { invoice } = await transferredInvoice(connectionId);
    const credit = await api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, {
      body: {
        externalId: `CR-${invoice.externalId}`,
        creditsExternalId: invoice.externalId,
        rows: [{ kind: 'item', name: 'Marketing', quantity: 1, unitPrice: 50, vatPercent: 25.5 }],
      },
    });
    expect(credit.status).toBe(202);
    expect(await run(credit.body.transferId)).toBe('succeeded');
    const credits = [...kit.company(companyId).invoices.values()].filter((sent) => sent.invoiceRows[0]!.quantity < 0);
    expect(credits).toHaveLength(1);
    expect(credits[0]!.invoiceRows).toEqual([expect.objectContaining({ product: 'Marketing', quantity: -1 })]);
  });

  it('refuses to credit an invoice not in Procountor, an unknown one, and a request with both whole and rows', async () => {
    const { connectionId } = await kit.createTestConnection({ transferMode: 'manual' });
    const invoice = buildSalesInvoice();
    await api.call('POST', `/v1/connections/${connectionId}/sales-invoices`, { body: invoice });
    const credit = (body: Record<string, unknown>) =>
      api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, {
        body: { externalId: `CR-${invoice.externalId}`, creditsExternalId: invoice.externalId, ...body },
      });
    const waiting = await credit({ whole: true });
    expect(waiting.status).toBe(409);
    expect(waiting.body.code).toBe('transfer_state_conflict');
    expect((await credit({ whole: true, creditsExternalId: 'nope' })).status).toBe(404);
    const both = await credit({ whole: true, rows: invoice.rows });
    expect(both.status).toBe(400);
    expect(both.body.details[0]).toMatchObject({ rule: 'whole_or_rows', message: expect.stringContaining('not both') });
    const neither = await credit({});
    expect(neither.status).toBe(400);
    expect(neither.body.details[0]).toMatchObject({ path: 'whole', rule: 'whole_or_rows' });
    expect(neither.body.details[0].message).not.toContain('not both');
    const count = await database.db
      .selectFrom('transfers')
      .select('id')
      .where('kind', '=', 'credit_invoice')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(count).toEqual([]);
  });

  const creditTransfers = async (connectionId: string) =>
    database.db
      .selectFrom('transfers')
      .select('id')
      .where('kind', '=', 'credit_invoice')
      .where('connection_id', '=', connectionId)
      .execute();

  it('answers racing identical credit requests with one transfer, and another request under its externalId with 409', async () => {
    const { connectionId } = await kit.createTestConnection();
    const { invoice } = await transferredInvoice(connectionId);
    const request = { externalId: `CR-${invoice.externalId}`, creditsExternalId: invoice.externalId, whole: true };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, { body: request })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 202]);
    expect(new Set(answers.map((answer) => answer.body.transferId)).size).toBe(1);
    expect(await creditTransfers(connectionId)).toHaveLength(1);
    const other = await api.call('POST', `/v1/connections/${connectionId}/credit-invoices`, {
      body: { ...request, reason: 'another reason' },
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('external_id_conflict');
  });

  it('refuses a credit invoice that credits itself, one dated before the original, and a document of another connection', async () => {
    const { connectionId } = await kit.createTestConnection();
    const { invoice } = await transferredInvoice(connectionId);
    const credit = (body: Record<string, unknown>, id = connectionId) =>
      api.call('POST', `/v1/connections/${id}/credit-invoices`, { body });
    const itself = await credit({ externalId: invoice.externalId, creditsExternalId: invoice.externalId, whole: true });
    expect(itself.status).toBe(400);
    expect(itself.body.details).toEqual([
      expect.objectContaining({ path: 'creditsExternalId', rule: 'cannot_credit_itself' }),
    ]);
    const selfNamed = await credit({ externalId: 'CR-X', creditsExternalId: 'CR-X', whole: true });
    expect(selfNamed.body.details[0]).toMatchObject({ rule: 'cannot_credit_itself' });
    const early = await credit({
      externalId: `CR-${invoice.externalId}`,
      creditsExternalId: invoice.externalId,
      whole: true,
      invoiceDate: '2020-01-01',
    });
    expect(early.status).toBe(400);
    expect(early.body.details[0]).toMatchObject({ path: 'invoiceDate', rule: 'credit_date_before_original' });

    const other = await kit.createTestConnection();
    const foreign = await credit(
      { externalId: `CR-${invoice.externalId}`, creditsExternalId: invoice.externalId, whole: true },
      other.connectionId,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).not.toContain(connectionId);
    expect(await creditTransfers(connectionId)).toEqual([]);
    expect(await creditTransfers(other.connectionId)).toEqual([]);
  });
});
