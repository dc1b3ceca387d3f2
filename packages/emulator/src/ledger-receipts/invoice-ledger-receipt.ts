// The ledger receipt Procountor links to every invoice to hold its accounting (contract Invoice.ledgerReceiptId).
import { ACCOUNTS } from '../companies/finnish-chart-of-accounts';
import type { EmulatorContext } from '../emulator-context';
import { invoiceTotals, round2, rowAmounts } from '../invoices/invoice-sums';
import { isSalesType, isTravelOrExpenseType } from '../invoices/invoice-types';
import type { Invoice, LedgerReceipt } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { recordReceiptCreated } from './ledger-receipt-records';

type Transaction = LedgerReceipt['transactions'][number];

/**
 * Default accounts from the company's chart (companies/finnish-chart-of-accounts.ts): receivables/payables on the
 * first (REVERSING_ENTRY) row, sales/purchases/travel costs on the entry rows (choice of accounts: assumption).
 */
const DEFAULT_ACCOUNTS = {
  sales: { balance: ACCOUNTS.receivables, entry: ACCOUNTS.sales255 },
  purchase: { balance: ACCOUNTS.payables, entry: ACCOUNTS.purchases255 },
  travel: { balance: ACCOUNTS.payables, entry: '7300' },
} as const;

/** VAT status used when the invoice has none (travel and expense invoices; assumption). */
const DEFAULT_VAT_STATUS = 1;

function accountsFor(invoice: Invoice) {
  if (isSalesType(invoice.type)) return DEFAULT_ACCOUNTS.sales;
  return isTravelOrExpenseType(invoice.type) ? DEFAULT_ACCOUNTS.travel : DEFAULT_ACCOUNTS.purchase;
}

/** A row's account: the product's default (or travel bookkeeping) account when accounting by row (contract InvoiceRow.productId). */
export function rowAccount(company: CompanyData, invoice: Invoice, productId: number | undefined): string {
  const product = productId === undefined ? undefined : company.products.get(productId);
  return product?.defaultAccount || product?.bookkeepingAccount || accountsFor(invoice).entry;
}

/**
 * Builds the receipt's transactions in the company's accounting currency. Sales: receivable debit (+gross) against
 * sales credits (−net per row); purchases, travel and expenses the other way round. With extraInfo.accountingByRow
 * each invoice row gets its own transaction (contract ExtraInfo.accountingByRow), otherwise one per VAT percentage.
 */
function buildTransactions(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  vatStatus: number,
): Transaction[] {
  const rate = invoice.paymentInfo.currencyRate || 1;
  const sign = isSalesType(invoice.type) ? 1 : -1;
  const vatType = isSalesType(invoice.type) ? 'SALES' : 'PURCHASE';
  const name = invoice.counterParty.counterPartyAddress.name;
  const transactions: Transaction[] = [
    {
      id: nextId(context.state),
      transactionType: 'REVERSING_ENTRY',
      account: accountsFor(invoice).balance,
      accountingValue: round2((sign * invoiceTotals(invoice).total) / rate),
      vatPercent: 0,
      description: name,
    },
  ];
  const amounts = rowAmounts(invoice);
  if (invoice.extraInfo.accountingByRow) {
    invoice.invoiceRows.forEach((row, i) => {
      transactions.push({
        id: nextId(context.state),
        transactionType: 'ENTRY',
        account: rowAccount(company, invoice, row.productId),
        accountingValue: round2((-sign * amounts[i]!.net) / rate),
        vatPercent: row.vatPercent,
        vatType,
        vatStatus: row.vatStatus ?? vatStatus,
        description: row.product.slice(0, 255),
        dimensionItemValues: [],
        ...(row.startDate ? { startDate: row.startDate } : {}),
        ...(row.endDate ? { endDate: row.endDate } : {}),
      });
    });
    return transactions;
  }
  const netByVat = new Map<number, number>();
  for (const amount of amounts) netByVat.set(amount.vatPercent, (netByVat.get(amount.vatPercent) ?? 0) + amount.net);
  for (const [vatPercent, net] of netByVat) {
    transactions.push({
      id: nextId(context.state),
      transactionType: 'ENTRY',
      account: accountsFor(invoice).entry,
      accountingValue: round2((-sign * net) / rate),
      vatPercent,
      vatType,
      vatStatus,
      description: name,
      dimensionItemValues: [],
    });
  }
  return transactions;
}

/** Creates and stores the invoice's ledger receipt and links it (invoice.ledgerReceiptId). */
export function createInvoiceLedgerReceipt(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
): LedgerReceipt {
  const vatStatus = invoice.vatStatus ?? DEFAULT_VAT_STATUS;
  const receipt: LedgerReceipt = {
    id: nextId(context.state),
    type: invoice.type,
    status: invoice.status,
    name: invoice.counterParty.counterPartyAddress.name.slice(0, 80),
    receiptDate: invoice.date,
    vatType: isSalesType(invoice.type) ? 'SALES' : 'PURCHASE',
    vatStatus,
    invoiceId: invoice.id,
    receiptNumber: invoice.invoiceNumber,
    invoiceNumber: invoice.invoiceNumber,
    ...(invoice.notes !== undefined ? { invoiceNotes: invoice.notes } : {}),
    ...(invoice.partnerId !== undefined ? { partnerId: invoice.partnerId } : {}),
    version: invoice.version,
    transactions: buildTransactions(context, company, invoice, vatStatus),
    attachments: [],
  };
  company.ledgerReceipts.set(receipt.id!, receipt);
  recordReceiptCreated(company, receipt.id!, invoice.version!);
  invoice.ledgerReceiptId = receipt.id;
  return receipt;
}

/**
 * Replaces the receipt after an update that changes accounting (FACTS.md: updating rows, VAT, discount or currency
 * "may recreate the linked ledger receipt with a new id"). Dimensions set on the old receipt are lost, as there.
 */
export function recreateInvoiceLedgerReceipt(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
): LedgerReceipt {
  const previous =
    invoice.ledgerReceiptId === undefined ? undefined : company.ledgerReceipts.get(invoice.ledgerReceiptId);
  if (invoice.ledgerReceiptId !== undefined) company.ledgerReceipts.delete(invoice.ledgerReceiptId);
  const receipt = createInvoiceLedgerReceipt(context, company, invoice);
  if (previous?.attachments?.length) receipt.attachments = previous.attachments;
  return receipt;
}

/** Contract LedgerReceipt.status: "Status of a ledger receipt equals the status of the linked invoice". */
export function syncInvoiceLedgerReceipt(company: CompanyData, invoice: Invoice): void {
  const receipt =
    invoice.ledgerReceiptId === undefined ? undefined : company.ledgerReceipts.get(invoice.ledgerReceiptId);
  if (!receipt) return;
  receipt.status = invoice.status;
  receipt.version = invoice.version;
  receipt.receiptDate = invoice.date;
  if (invoice.notes !== undefined) receipt.invoiceNotes = invoice.notes;
}
