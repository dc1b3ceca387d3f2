// Step 5: puts each row's sales account and dimension items on its transaction of the invoice's ledger receipt
// (FACTS.md "Invoices": accounting and dimensions live on the ledger receipt, not on the invoice).
import type { ProcountorLedgerReceipt } from '@procountor-bridge/client';
import type { StepContext } from './step-context';

type ReceiptTransaction = NonNullable<ProcountorLedgerReceipt['transactions']>[number];

/** With accountingByRow each invoice row has its own ENTRY transaction, in row order (contract ExtraInfo). */
function entryTransactions(receipt: ProcountorLedgerReceipt): ReceiptTransaction[] {
  return (receipt.transactions ?? []).filter((transaction) => transaction.transactionType === 'ENTRY');
}

/**
 * Rows with a salesAccount get it on their transaction, through a PUT of the whole receipt with its version.
 * Repeating it after a crash finds the accounts already set and sends nothing. Answers the receipt as it is now.
 */
async function setSalesAccounts(
  context: StepContext,
  receipt: ProcountorLedgerReceipt,
): Promise<ProcountorLedgerReceipt> {
  const entries = entryTransactions(receipt);
  let changed = 0;
  for (const [index, row] of context.invoice.rows.entries()) {
    const transaction = entries[index];
    if (transaction && row.salesAccount && transaction.account !== row.salesAccount) {
      transaction.account = row.salesAccount;
      changed += 1;
    }
  }
  if (changed === 0 || receipt.id === undefined) return receipt;
  // Updating the receipt may recreate its transactions with new ids (FACTS.md): read it back before the dimensions.
  await context.client.ledgerReceipts.update(receipt.id, receipt);
  context.note(`Sales account set on ${changed} invoice row${changed === 1 ? '' : 's'} in Procountor.`);
  return context.client.ledgerReceipts.get(receipt.id);
}

export async function setDimensions(context: StepContext): Promise<void> {
  const { progress, invoice } = context;
  const dimensions = progress.dimensions ?? {};
  const kinds = Object.keys(dimensions) as (keyof typeof dimensions)[];
  const hasSalesAccounts = invoice.rows.some((row) => row.salesAccount);
  if ((kinds.length === 0 && !hasSalesAccounts) || progress.invoiceId === undefined) return;
  // The create answer carried the ledger receipt id; an adopted invoice's is read here.
  const receiptId = progress.ledgerReceiptId ?? (await context.client.invoices.get(progress.invoiceId)).ledgerReceiptId;
  if (receiptId === undefined) return;
  let receipt = await context.client.ledgerReceipts.get(receiptId);
  if (hasSalesAccounts) receipt = await setSalesAccounts(context, receipt);

  const entries = entryTransactions(receipt);
  let count = 0;
  for (const [index, row] of invoice.rows.entries()) {
    const transaction = entries[index];
    if (!transaction?.id || !row.dimensions) continue;
    const values = kinds.flatMap((kind) => {
      const code = row.dimensions?.[kind];
      const entry = dimensions[kind];
      const itemId = code && entry ? entry.itemIds[code] : undefined;
      return entry && itemId !== undefined
        ? [{ dimensionId: entry.dimensionId, itemId, value: transaction.accountingValue }]
        : [];
    });
    if (values.length === 0) continue;
    // A PUT of the whole list: repeating it after a crash sets the same values again.
    await context.client.ledgerReceipts.updateTransactionDimensions(receiptId, transaction.id, {
      dimensionItemValues: values,
    });
    count += 1;
  }
  progress.dimensionsSet = true;
  if (count > 0) context.note(`Dimensions set on ${count} invoice row${count === 1 ? '' : 's'} in Procountor.`);
}
