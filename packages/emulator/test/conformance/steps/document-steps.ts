// Scenario steps for ledger receipts, attachments and webhooks.

import { createInvoice, salesInvoice } from '../../helpers/invoice-test-builders';
import type { TestSession } from '../../helpers/test-session';
import { call, expectOk, type ScenarioStep } from '../scenario-step';

/** POST /attachments as multipart/form-data: `meta` as a JSON part, then the file. */
async function uploadAttachment(session: TestSession, meta: Record<string, unknown>, file: Uint8Array) {
  const form = new FormData();
  form.append('meta', new Blob([JSON.stringify(meta)], { type: 'application/json' }));
  form.append('file', new Blob([file as BlobPart]), String(meta.name));
  const response = await fetch(`${session.emulator.baseUrl}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    body: form,
  });
  return expectOk(response, 'POST /attachments');
}

export const DOCUMENT_STEPS: ScenarioStep[] = [
  {
    name: "search ledger receipts, update an invoice's receipt and split a transaction across dimension items",
    run: async ({ session, ids }) => {
      const invoice = await createInvoice(session, salesInvoice(session, Number(ids.customerId)));
      await call(session, 'GET', '/ledgerreceipts');
      await call(session, 'GET', '/ledgerreceipts?types=SALES_INVOICE&status=UNFINISHED');
      const receipt = await call(session, 'GET', `/ledgerreceipts/${invoice.ledgerReceiptId}`);
      const updated = await call(session, 'PUT', `/ledgerreceipts/${receipt.id}`, {
        ...receipt,
        accountantsNotes: 'tarkistettu',
      });
      const transaction = updated.transactions[1];
      await call(session, 'PUT', `/ledgerreceipts/${receipt.id}/transactions/${transaction.id}/dimensions`, {
        dimensionItemValues: [
          { dimensionId: ids.dimensionId, itemId: ids.dimensionItemId, value: transaction.accountingValue },
        ],
      });
    },
  },
  {
    name: 'attach a PDF to the sales invoice, find it, download it, rename it and delete it',
    run: async ({ session, ids }) => {
      const pdf = new TextEncoder().encode('%PDF-1.4 konformanssi');
      const meta = { name: 'lasku.pdf', referenceType: 'INVOICE', referenceId: ids.invoiceId, sendWithInvoice: true };
      const stored = await uploadAttachment(session, meta, pdf);
      await call(session, 'GET', `/attachments?referenceId=${ids.invoiceId}`);
      // multipart/mixed: the step only needs a 2xx; the conformance check counts it without a JSON schema.
      const download = await session.api(`/attachments/${stored.id}`);
      if (!download.ok) throw new Error(`GET /attachments/{id} answered ${download.status}`);
      await download.arrayBuffer();
      await call(session, 'PATCH', `/attachments/${stored.id}`, { name: 'liite.pdf' });
      await call(session, 'DELETE', `/attachments/${stored.id}`);
    },
  },
  {
    name: 'subscribe a webhook, list it, change its subscriptions and remove it',
    run: async ({ session }) => {
      // PAYMENT_* events are never fired by the emulator, so nothing is delivered to example.com.
      const hook = {
        url: 'https://example.com/procountor',
        authenticationType: 'NONE',
        subscriptions: ['PAYMENT_UPDATED'],
      };
      const created = await call(session, 'POST', '/webhooks', hook);
      await call(session, 'GET', '/webhooks');
      await call(session, 'PUT', `/webhooks/${created.uuid}`, { ...hook, subscriptions: ['PAYMENT_DELETED'] });
      await call(session, 'DELETE', `/webhooks/${created.uuid}`);
    },
  },
];
