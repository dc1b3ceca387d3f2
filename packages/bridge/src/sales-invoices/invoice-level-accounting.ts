// As in Taimer's integration: a sales account and a cost centre can be chosen for the whole invoice; Procountor keeps
// them per row.
import type { SalesInvoiceInput } from './sales-invoice-schema';

/**
 * The invoice with its own salesAccount and dimensions copied to each item row that lacks them (a row's own value
 * wins, kind by kind). Rows are where Procountor books them (FACTS.md: accounting by row), so every later step and
 * check reads rows only.
 */
export function withInvoiceLevelAccounting(invoice: SalesInvoiceInput): SalesInvoiceInput {
  const { salesAccount, dimensions } = invoice;
  if (!salesAccount && !dimensions) return invoice;
  return {
    ...invoice,
    rows: invoice.rows.map((row) => {
      if (row.kind === 'header' || row.kind === 'text') return row;
      const rowDimensions = { ...dimensions, ...row.dimensions };
      return {
        ...row,
        ...(row.salesAccount || salesAccount ? { salesAccount: row.salesAccount ?? salesAccount } : {}),
        ...(Object.keys(rowDimensions).length > 0 ? { dimensions: rowDimensions } : {}),
      };
    }),
  };
}
