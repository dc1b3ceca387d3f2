// Turns a Procountor purchase invoice and its ledger receipt into the project expense the source reads.
import type { ProcountorDimension, ProcountorInvoice, ProcountorLedgerReceipt } from '@procountor-bridge/client';

/** One dimension item on a ledger transaction, by name as well as by id (sources know names, not Procountor ids). */
export interface ExpenseDimension {
  dimensionId: number;
  dimensionName: string | null;
  itemId: number;
  itemCode: string | null;
  amount: number | null;
}

/** What a source application books as a project expense: the invoice, its rows, its accounting and attachments. */
export interface ProjectExpense {
  procountorInvoiceId: number;
  invoiceNumber: number | null;
  originalInvoiceNumber: string | null;
  procountorStatus: string;
  supplier: { partnerId: number | null; name: string; businessId: string | null };
  date: string;
  dueDate: string | null;
  currency: string;
  totalAmount: number | null;
  netAmount: number | null;
  vatAmount: number | null;
  /** The project dimension items the invoice is dimensioned to (their codes), the reason it was imported. */
  projectCodes: string[];
  rows: Array<{
    product: string;
    productCode: string | null;
    quantity: number;
    unit: string;
    unitPrice: number;
    vatPercent: number;
    comment: string | null;
  }>;
  /** The ledger receipt's transactions with their dimensions: where the cost is booked (FACTS.md "dimensions"). */
  accounting: Array<{
    transactionId: number | null;
    account: string | null;
    amount: number | null;
    vatPercent: number | null;
    description: string | null;
    dimensions: ExpenseDimension[];
  }>;
  attachments: Array<{ attachmentId: number; name: string; mimeType: string | null }>;
}

/** Dimension and item names by id, from GET /dimensions. */
export interface DimensionNames {
  dimensions: Map<number, { name: string; items: Map<number, string> }>;
}

export function dimensionNamesOf(dimensions: readonly ProcountorDimension[]): DimensionNames {
  const map = new Map<number, { name: string; items: Map<number, string> }>();
  for (const dimension of dimensions) {
    if (dimension.id === undefined) continue;
    const items = new Map<number, string>();
    for (const item of dimension.items ?? []) {
      if (item.id !== undefined && item.codeName !== undefined) items.set(item.id, item.codeName);
    }
    map.set(dimension.id, { name: dimension.name ?? '', items });
  }
  return { dimensions: map };
}

/**
 * The project dimension: the one named in the connection's `projectDimension` setting, else the first whose name says
 * project (Projektit, Projects, Projekt…), as Visma Severa's default dimension names do.
 */
export function findProjectDimensionId(
  names: DimensionNames,
  projectDimension: string | undefined,
): number | undefined {
  for (const [id, dimension] of names.dimensions) {
    if (projectDimension !== undefined && dimension.name === projectDimension) return id;
  }
  if (projectDimension !== undefined) return undefined;
  for (const [id, dimension] of names.dimensions) if (/proje[ck]t/i.test(dimension.name)) return id;
  return undefined;
}

/** The codes of the project items on any transaction of the receipt, in first-seen order. */
export function projectCodesOf(
  receipt: ProcountorLedgerReceipt | undefined,
  projectDimensionId: number | undefined,
  names: DimensionNames,
): string[] {
  if (!receipt || projectDimensionId === undefined) return [];
  const codes: string[] = [];
  for (const transaction of receipt.transactions ?? []) {
    for (const value of transaction.dimensionItemValues ?? []) {
      if (value.dimensionId !== projectDimensionId) continue;
      const code = names.dimensions.get(projectDimensionId)?.items.get(value.itemId) ?? String(value.itemId);
      if (!codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

const numberOrNull = (value: number | undefined) => (value === undefined ? null : value);

export function toProjectExpense(
  invoice: ProcountorInvoice,
  receipt: ProcountorLedgerReceipt | undefined,
  names: DimensionNames,
  projectCodes: string[],
): ProjectExpense {
  // The invoice-currency sums (the accounting-currency line has inAccountingCurrency true).
  const sums = invoice.invoiceSumInfo?.find((sum) => !sum.inAccountingCurrency) ?? invoice.invoiceSumInfo?.[0];
  return {
    procountorInvoiceId: invoice.id as number,
    invoiceNumber: numberOrNull(invoice.invoiceNumber),
    originalInvoiceNumber: invoice.originalInvoiceNumber ?? null,
    procountorStatus: invoice.status ?? 'UNFINISHED',
    supplier: {
      partnerId: numberOrNull(invoice.partnerId),
      name: invoice.counterParty.counterPartyAddress?.name ?? '',
      businessId: invoice.counterParty.identifier ?? null,
    },
    date: invoice.date,
    dueDate: invoice.paymentInfo.dueDate ?? null,
    currency: invoice.paymentInfo.currency ?? 'EUR',
    totalAmount: numberOrNull(sums?.invoiceSumTotal),
    netAmount: numberOrNull(sums?.excludingVatTotal),
    vatAmount: numberOrNull(sums?.vatSumTotal),
    projectCodes,
    rows: (invoice.invoiceRows ?? []).map((row) => ({
      product: row.product,
      productCode: row.productCode ?? null,
      quantity: row.quantity,
      unit: row.unit,
      unitPrice: row.unitPrice,
      vatPercent: row.vatPercent,
      comment: row.comment ?? null,
    })),
    accounting: (receipt?.transactions ?? []).map((transaction) => ({
      transactionId: numberOrNull(transaction.id),
      account: transaction.account ?? null,
      amount: numberOrNull(transaction.accountingValue),
      vatPercent: numberOrNull(transaction.vatPercent),
      description: transaction.description ?? null,
      dimensions: (transaction.dimensionItemValues ?? []).map((value) => {
        const dimension = names.dimensions.get(value.dimensionId);
        return {
          dimensionId: value.dimensionId,
          dimensionName: dimension?.name ?? null,
          itemId: value.itemId,
          itemCode: dimension?.items.get(value.itemId) ?? null,
          amount: numberOrNull(value.value),
        };
      }),
    })),
    attachments: (invoice.attachments ?? []).map((attachment) => ({
      attachmentId: attachment.id as number,
      name: attachment.name ?? '',
      mimeType: attachment.mimeType ?? null,
    })),
  };
}
