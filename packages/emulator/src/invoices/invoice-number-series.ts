// The number series of Procountor's invoices and a company's next number in each (the state keeps them; invoice-numbering.ts
// gives them out).

/**
 * The number series an invoice type takes its number from. Sales invoices, credit notes among them (a credit note is a
 * SALES_INVOICE with negative sums, as Procountor documents), have their own; travel invoices and bills of charges (expense claims) are
 * both a person's claims and share one; every other type has its own.
 */
export type NumberSeries =
  | 'SALES_INVOICES'
  | 'SALES_ORDERS'
  | 'PURCHASE_INVOICES'
  | 'PURCHASE_ORDERS'
  | 'TRAVEL_AND_EXPENSE_INVOICES'
  | 'PERIODIC_TAX_RETURNS';

export type InvoiceNumberCounters = Partial<Record<NumberSeries, number>>;
