// Test builders for inbound purchase invoices: a supplier sends one (emulator admin), it is dimensioned and approved.
import type { ProcountorClient, ProcountorInvoice } from '@procountor-bridge/client';
import type { RunningEmulator } from '@procountor-bridge/emulator';

/** Any valid Finnish IBAN: the supplier's account on its invoice. */
const SUPPLIER_IBAN = 'FI2112345600000785';

export function supplierInvoiceBody(overrides: Partial<ProcountorInvoice> = {}): ProcountorInvoice {
  const today = new Date().toISOString().slice(0, 10);
  return {
    type: 'PURCHASE_INVOICE',
    date: today,
    counterParty: {
      identifier: '2980005-2',
      counterPartyAddress: { name: 'Toimittaja Oy', street: 'Tie 2', zip: '00200', city: 'Espoo' },
    },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      dueDate: today,
      currencyRate: 1,
      bankAccount: { accountNumber: SUPPLIER_IBAN },
    },
    extraInfo: { accountingByRow: true, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'NO_SENDING',
    vatStatus: 1,
    invoiceRows: [
      { product: 'Alihankinta', quantity: 3, unit: 'HOUR', unitPrice: 80, discountPercent: 0, vatPercent: 25.5 },
      { product: 'Tarvikkeet', quantity: 1, unit: 'PIECE', unitPrice: 40, discountPercent: 0, vatPercent: 25.5 },
    ],
    ...overrides,
  };
}

/** POST /_emulator/purchase-invoices: the supplier's invoice arrives RECEIVED, with an invoice number and a receipt. */
export async function receiveSupplierInvoice(
  emulator: RunningEmulator,
  companyId: number,
  overrides: Partial<ProcountorInvoice> = {},
): Promise<ProcountorInvoice> {
  const response = await fetch(`${emulator.url}/_emulator/purchase-invoices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ companyId, invoice: supplierInvoiceBody(overrides) }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`supplier invoice refused: ${JSON.stringify(body)}`);
  return body as ProcountorInvoice;
}

/** POST /_emulator/invoices/{id}/status (PAYMENT_QUEUED, PAYMENT_SENT_TO_BANK…). */
export async function moveInvoiceStatus(emulator: RunningEmulator, invoiceId: number, status: string) {
  const response = await fetch(`${emulator.url}/_emulator/invoices/${invoiceId}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  if (response.status !== 200) throw new Error(`status move refused: ${await response.text()}`);
}

/** The project dimension's item with this code, created when missing; returns the dimension and item ids. */
export async function projectItem(client: ProcountorClient, code: string) {
  const dimension = (await client.dimensions.list()).find((candidate) => /projekt/i.test(candidate.name ?? ''));
  if (!dimension?.id) throw new Error('the company has no project dimension');
  const existing = dimension.items?.find((item) => item.codeName === code);
  const item = existing ?? (await client.dimensions.createItem(dimension.id, { codeName: code, description: code }));
  return { dimensionId: dimension.id, itemId: item.id as number };
}

/** Dimensions every transaction of the invoice's ledger receipt to the project (the whole amount). */
export async function dimensionToProject(client: ProcountorClient, invoiceId: number, projectCode: string) {
  const { dimensionId, itemId } = await projectItem(client, projectCode);
  const invoice = await client.invoices.get(invoiceId);
  const receipt = await client.ledgerReceipts.get(invoice.ledgerReceiptId as number);
  for (const transaction of receipt.transactions ?? []) {
    // Only the expense transactions (not the supplier-debt one) carry dimensions in Procountor's UI.
    if (transaction.account?.startsWith('2')) continue;
    await client.ledgerReceipts.updateTransactionDimensions(receipt.id as number, transaction.id as number, {
      dimensionItemValues: [{ dimensionId, itemId, value: Math.abs(transaction.accountingValue ?? 0) }],
    });
  }
}
