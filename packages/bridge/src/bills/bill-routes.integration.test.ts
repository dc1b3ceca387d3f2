// Bills on both databases: received supplier invoices with routing hints, approval in Procountor.
import type { ProcountorClient } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callAs, startTestApp } from '../../test/helpers/create-test-connection';
import { projectItem, receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import type { BridgeApp } from '../server/bridge-app';
import { billRoutes } from './bill-routes';

const HETU = (() => {
  const made = createPersonalIdentityCode('010190', '-', '123');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();

describeOnBothDatabases('bills', (database) => {
  let kit: TransferTestKit;
  let app: BridgeApp;
  let baseUrl: string;

  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
    ({ app, url: baseUrl } = await startTestApp([billRoutes({ connections: kit.connections })]));
  });
  afterAll(async () => {
    await app.close();
    await kit.stop();
  });

  const newConnection = async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const connection = await kit.connections.find(connectionId);
    const client = (await kit.connections.procountorClient(connection!)) as ProcountorClient;
    return { connectionId, companyId, client, api: callAs(baseUrl, `token-${connectionId}`) };
  };

  it('offers received bills with the project number and personal identity code found on them', async () => {
    const { connectionId, companyId, client, api } = await newConnection();
    await projectItem(client, 'PRJ-7');
    const routed = await receiveSupplierInvoice(kit.emulator, companyId, {
      buyerReferenceIdentifier: 'PRJ-7',
      additionalInformation: `Kulut: ${HETU}`,
    });
    const plain = await receiveSupplierInvoice(kit.emulator, companyId, { orderReference: 'tilaus 55' });

    const answer = await api('GET', `/v1/connections/${connectionId}/bills`);
    expect(answer.status).toBe(200);
    expect(answer.body.bills.map((bill: { procountorInvoiceId: number }) => bill.procountorInvoiceId)).toEqual([
      routed.id,
      plain.id,
    ]);
    expect(answer.body.bills[0]).toMatchObject({
      procountorStatus: 'RECEIVED',
      supplierName: 'Toimittaja Oy',
      routing: {
        projectNumber: 'PRJ-7',
        projectNumberFoundIn: 'buyerReferenceIdentifier',
        personalIdentityCode: HETU,
        personalIdentityCodeFoundIn: 'additionalInformation',
      },
    });
    expect(answer.body.bills[1].routing).toEqual({
      projectNumber: null,
      projectNumberFoundIn: null,
      personalIdentityCode: null,
      personalIdentityCodeFoundIn: null,
    });

    const paged = await api('GET', `/v1/connections/${connectionId}/bills?limit=1`);
    expect(paged.body.bills).toHaveLength(1);
    const next = await api('GET', `/v1/connections/${connectionId}/bills?limit=1&after=${paged.body.nextCursor}`);
    expect(next.body.bills[0].procountorInvoiceId).toBe(plain.id);
  });

  it('approves a bill in Procountor once; a second approval is harmless', async () => {
    const { connectionId, companyId, client, api } = await newConnection();
    const bill = await receiveSupplierInvoice(kit.emulator, companyId);
    const first = await api('POST', `/v1/connections/${connectionId}/bills/${bill.id}/approve`, { comment: 'OK' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ procountorInvoiceId: bill.id, procountorStatus: 'APPROVED', alreadyApproved: false });
    expect((await client.invoices.get(bill.id as number)).status).toBe('APPROVED');
    const again = await api('POST', `/v1/connections/${connectionId}/bills/${bill.id}/approve`);
    expect(again.body).toMatchObject({ procountorStatus: 'APPROVED', alreadyApproved: true });
    const listed = await api('GET', `/v1/connections/${connectionId}/bills`);
    expect(listed.body.bills).toEqual([]);
  });

  it('refuses unknown statuses naming the field, unknown bills, and another connection’s token', async () => {
    const { connectionId, api } = await newConnection();
    const bad = await api('GET', `/v1/connections/${connectionId}/bills?statuses=PAID`);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ path: 'statuses', rule: 'bill_status' });
    const missing = await api('POST', `/v1/connections/${connectionId}/bills/999999/approve`);
    expect(missing.status).toBe(404);
    const other = await newConnection();
    expect((await other.api('GET', `/v1/connections/${connectionId}/bills`)).status).toBe(404);
  });
});
