// Step 5: sets each row's dimension items on its transaction of the invoice's ledger receipt (FACTS.md "Invoices").
import type { StepContext } from './step-context';

export async function setDimensions(context: StepContext): Promise<void> {
  const { progress, invoice } = context;
  const dimensions = progress.dimensions ?? {};
  const kinds = Object.keys(dimensions) as (keyof typeof dimensions)[];
  if (kinds.length === 0 || progress.invoiceId === undefined) return;
  const procountorInvoice = await context.client.invoices.get(progress.invoiceId);
  const receiptId = procountorInvoice.ledgerReceiptId;
  if (receiptId === undefined) return;
  const receipt = await context.client.ledgerReceipts.get(receiptId);
  // With accountingByRow each invoice row has its own ENTRY transaction, in row order (contract ExtraInfo).
  const entries = (receipt.transactions ?? []).filter((transaction) => transaction.transactionType === 'ENTRY');
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
