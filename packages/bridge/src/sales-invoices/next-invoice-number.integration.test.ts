// The next invoice number (GET …/next-invoice-number and the dry run) on both databases, against the emulator's
// numbering per company and series: predicted, then given; two invoices sent at once; a bill received in between; the
// cache; numbers already in use.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import { receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferApi, type TransferApi } from '../../test/helpers/transfer-api';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import { createTransferRunner } from '../transfers/run-transfer';
import { createNextInvoiceNumberPredictor, NEXT_NUMBER_LIMITS } from './next-invoice-number';

describeOnBothDatabases('next invoice number', (database) => {
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
  const nextNumber = async (connectionId: string, query = '') => {
    const answer = await api.call('GET', `/v1/connections/${connectionId}/next-invoice-number${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  /** Submits a sales invoice, runs its transfer and answers the number Procountor gave it. */
  const transfer = async (connectionId: string) => {
    const submitted = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices`, {
      body: buildSalesInvoice(),
    });
    expect(submitted.status).toBe(202);
    return submitted.body.transferId as string;
  };
  const numberOf = async (connectionId: string, transferId: string) =>
    (await api.call('GET', `/v1/connections/${connectionId}/transfers/${transferId}`)).body.procountor
      .invoiceNumber as number;
  const invoiceSearches = async (after: number) => {
    const log = await fetch(`${kit.emulator.url}/_emulator/requests?path=/api/invoices&method=GET&after=${after}`);
    return ((await log.json()) as { entries: unknown[] }).entries.length;
  };
  const lastLogged = async () => {
    const log = (await (await fetch(`${kit.emulator.url}/_emulator/requests`)).json()) as {
      entries: { sequence: number }[];
    };
    return log.entries.at(-1)?.sequence ?? 0;
  };

  it('says plainly that it does not know before the first sales invoice, then predicts the number given next', async () => {
    const { connectionId } = await kit.createTestConnection();
    const empty = await nextNumber(connectionId);
    expect(empty).toMatchObject({
      predictedInvoiceNumber: null,
      isReservation: false,
      limits: NEXT_NUMBER_LIMITS,
      basis: { latestInvoiceNumber: null, salesInvoicesRead: 0 },
    });
    expect(empty.howFound).toContain('no sales invoice');

    const first = await transfer(connectionId);
    expect(await runner().run(first)).toBe('succeeded');
    const firstNumber = await numberOf(connectionId, first);
    const predicted = await nextNumber(connectionId, '?fresh=true');
    expect(predicted).toMatchObject({
      predictedInvoiceNumber: firstNumber + 1,
      fromCache: false,
      basis: { latestInvoiceNumber: firstNumber, numbersInUse: [] },
    });
    expect(predicted.howFound).toContain(`up to number ${firstNumber}`);
    expect(predicted.limits).toContain('not a reservation');

    // The dry run of the next invoice carries the same prediction; the transfer then gets that number.
    const dryRun = await api.call('POST', `/v1/connections/${connectionId}/sales-invoices/validate`, {
      body: buildSalesInvoice(),
    });
    expect(dryRun.body.valid).toBe(true);
    expect(dryRun.body.nextInvoiceNumber).toMatchObject({
      predictedInvoiceNumber: firstNumber + 1,
      isReservation: false,
    });
    const second = await transfer(connectionId);
    expect(await runner().run(second)).toBe('succeeded');
    expect(await numberOf(connectionId, second)).toBe(firstNumber + 1);
  });

  it('two invoices sent at once get the predicted number and the one after; the next prediction counts both', async () => {
    const { connectionId } = await kit.createTestConnection();
    expect(await runner().run(await transfer(connectionId))).toBe('succeeded');
    const before = await nextNumber(connectionId, '?fresh=true');
    const predicted = before.predictedInvoiceNumber as number;

    const ids = [await transfer(connectionId), await transfer(connectionId)];
    expect(await Promise.all(ids.map((id) => runner().run(id)))).toEqual(['succeeded', 'succeeded']);
    const given = await Promise.all(ids.map((id) => numberOf(connectionId, id)));
    // Only one of them can have the predicted number: it was a prediction, not a reservation.
    expect([...given].sort((a, b) => a - b)).toEqual([predicted, predicted + 1]);

    // Within the cache time Procountor is not read again, yet the numbers this bridge got since are counted.
    const after = await lastLogged();
    const cached = await nextNumber(connectionId);
    expect(cached).toMatchObject({
      predictedInvoiceNumber: predicted + 2,
      fromCache: true,
      readAt: before.readAt,
      basis: { sentByBridgeSinceReading: predicted + 1 },
    });
    expect(cached.howFound).toContain(`this bridge got number ${predicted + 1}`);
    expect(await invoiceSearches(after)).toBe(0);
    const fresh = await nextNumber(connectionId, '?fresh=true');
    expect(fresh).toMatchObject({ predictedInvoiceNumber: predicted + 2, fromCache: false });
    expect(await invoiceSearches(after)).toBeGreaterThan(0);
  });

  it('a supplier invoice received in between does not change the predicted sales invoice number', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const first = await transfer(connectionId);
    expect(await runner().run(first)).toBe('succeeded');
    const firstNumber = await numberOf(connectionId, first);
    const before = await nextNumber(connectionId, '?fresh=true');
    expect(before.predictedInvoiceNumber).toBe(firstNumber + 1);

    // Purchase invoices have their own number series (emulator README "Invoices"): the bill takes none of the sales.
    const bill = await receiveSupplierInvoice(kit.emulator, companyId);
    expect(bill.invoiceNumber).toBe(1);
    const after = await nextNumber(connectionId, '?fresh=true');
    expect(after).toMatchObject({
      predictedInvoiceNumber: firstNumber + 1,
      basis: { latestInvoiceNumber: firstNumber, numbersInUse: [] },
    });
    const second = await transfer(connectionId);
    expect(await runner().run(second)).toBe('succeeded');
    expect(await numberOf(connectionId, second)).toBe(firstNumber + 1);
  });

  it('skips numbers another sales invoice already has', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const [older, newer] = [await transfer(connectionId), await transfer(connectionId)];
    expect(await runner().run(older)).toBe('succeeded');
    expect(await runner().run(newer)).toBe('succeeded');
    const newest = await numberOf(connectionId, newer);
    // An older invoice renumbered by hand in Procountor to the number after the newest one.
    const olderInvoiceId = (await api.call('GET', `/v1/connections/${connectionId}/transfers/${older}`)).body.procountor
      .invoiceId as number;
    kit.company(companyId).invoices.get(olderInvoiceId)!.invoiceNumber = newest + 1;

    // Reading only the newest invoice, the renumbered one is found by the in-use check.
    const predictor = createNextInvoiceNumberPredictor(kit.deps, { latestInvoicesRead: 1 });
    const answer = await predictor.predict(connectionId);
    expect(answer).toMatchObject({
      predictedInvoiceNumber: newest + 2,
      basis: { latestInvoiceNumber: newest, salesInvoicesRead: 1, numbersInUse: [newest + 1] },
    });
    expect(answer.howFound).toContain(`${newest + 1} is in use too`);
  });

  it("refuses another connection's token and a connection that is not active", async () => {
    const { connectionId } = await kit.createTestConnection();
    const other = await kit.createTestConnection();
    const foreign = await api.call('GET', `/v1/connections/${connectionId}/next-invoice-number`, {
      token: `connection:${other.connectionId}`,
    });
    expect(foreign.status).toBe(404);
    await kit.setStatus(connectionId, 'disabled');
    const disabled = await api.call('GET', `/v1/connections/${connectionId}/next-invoice-number`);
    expect(disabled.status).toBe(409);
    expect(disabled.body.code).toBe('connection_not_active');
    const bad = await api.call('GET', `/v1/connections/${other.connectionId}/next-invoice-number?fresh=maybe`);
    expect(bad.status).toBe(400);
    const document = await fetch(`${api.url}/openapi.json`).then((response) => response.json());
    const route = document.paths['/v1/connections/{connectionId}/next-invoice-number'].get;
    expect(route.description).toContain('not a reservation');
  });
});
