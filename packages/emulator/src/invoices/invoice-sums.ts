// Row and invoice totals as Procountor computes them for invoiceSumInfo and the linked ledger receipt.
import type { Invoice } from '../state/contract-types';

type InvoiceSumInfo = NonNullable<Invoice['invoiceSumInfo']>[number];

export interface RowAmounts {
  /** Net amount after row and invoice discounts, in the invoice currency. */
  net: number;
  vat: number;
  vatPercent: number;
}

export function round2(value: number): number {
  return Math.round((value + Math.sign(value) * Number.EPSILON) * 100) / 100;
}

/**
 * Per-row net and VAT. Unit prices include VAT when extraInfo.unitPricesIncludeVat is true (contract InvoiceRow.unitPrice:
 * "affected by the unit prices include VAT setting"); row discount, then invoice discountPercent, reduce the amount.
 * Negative quantities or prices give negative amounts: that is how a credit invoice looks (FACTS.md).
 */
export function rowAmounts(invoice: Invoice): RowAmounts[] {
  const invoiceFactor = 1 - (invoice.discountPercent ?? 0) / 100;
  const pricesIncludeVat = invoice.extraInfo?.unitPricesIncludeVat === true;
  return (invoice.invoiceRows ?? []).map((row) => {
    const amount = row.quantity * row.unitPrice * (1 - (row.discountPercent ?? 0) / 100) * invoiceFactor;
    const vatFactor = row.vatPercent / 100;
    const net = round2(pricesIncludeVat ? amount / (1 + vatFactor) : amount);
    const vat = round2(pricesIncludeVat ? amount - net : net * vatFactor);
    return { net, vat, vatPercent: row.vatPercent };
  });
}

export interface InvoiceTotals {
  excludingVat: number;
  vat: number;
  total: number;
}

export function invoiceTotals(invoice: Invoice): InvoiceTotals {
  let excludingVat = 0;
  let vat = 0;
  for (const row of rowAmounts(invoice)) {
    excludingVat += row.net;
    vat += row.vat;
  }
  excludingVat = round2(excludingVat);
  vat = round2(vat);
  return { excludingVat, vat, total: round2(excludingVat + vat) };
}

/**
 * Contract Invoice.invoiceSumInfo: "If the invoice has currency other than the one set for the environment, it returns
 * sum for both the accounting and invoice currency". currencyRate is "the amount of one unit of domestic currency in
 * foreign currency", so accounting amount = invoice amount / rate.
 */
export function invoiceSumInfo(invoice: Invoice, companyCurrency: string): InvoiceSumInfo[] {
  const totals = invoiceTotals(invoice);
  const currency = invoice.paymentInfo.currency;
  const inInvoiceCurrency: InvoiceSumInfo = {
    currency,
    inAccountingCurrency: currency === companyCurrency,
    excludingVatTotal: totals.excludingVat,
    vatSumTotal: totals.vat,
    invoiceSumTotal: totals.total,
  };
  if (currency === companyCurrency) return [inInvoiceCurrency];
  const rate = invoice.paymentInfo.currencyRate || 1;
  return [
    inInvoiceCurrency,
    {
      currency: companyCurrency,
      inAccountingCurrency: true,
      excludingVatTotal: round2(totals.excludingVat / rate),
      vatSumTotal: round2(totals.vat / rate),
      invoiceSumTotal: round2(totals.total / rate),
    },
  ];
}
