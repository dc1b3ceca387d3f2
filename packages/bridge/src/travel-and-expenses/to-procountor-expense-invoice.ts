// Maps a travel invoice, expense claim or source purchase invoice to Procountor's Invoice (contract 26.04).
import type { ProcountorInvoice } from '@procountor-bridge/client';
import { normaliseIban } from '@procountor-bridge/client/finnish';
import { toProcountorUnit } from '../sales-invoices/procountor-unit';
import {
  EXPENSE_DOCUMENT_KINDS,
  type ExpenseDocumentInput,
  type ExpenseDocumentKind,
  personOf,
  supplierOf,
} from './expense-document-schema';

export interface ExpenseMappingContext {
  /** The reporter's id in Procountor's person register (travel invoices and expense claims). */
  personId?: number;
  /** The supplier's partner id in Procountor (purchase invoices), when resolve_supplier found exactly one. */
  supplierPartnerId?: number;
  /** Where the money goes: the document's IBAN, else the person's account in Procountor. */
  payeeIban?: string;
  /** Procountor product (travel expense) by the code the row names, with the code actually used. */
  products: Record<string, { id: number; code: string }>;
  /** Used for rows without a code (the connection's default code for travel expenses). */
  defaultExpenseCode?: string;
}

/** The number Procountor stores as originalInvoiceNumber (max 40), also how a lost create is found again. */
export function originalNumberOf(document: ExpenseDocumentInput): string {
  return document.invoiceNumber ?? document.externalId.slice(0, 40);
}

export function toProcountorExpenseInvoice(
  kind: ExpenseDocumentKind,
  document: ExpenseDocumentInput,
  context: ExpenseMappingContext,
): ProcountorInvoice {
  const person = personOf(document);
  const supplier = supplierOf(document);
  const iban = context.payeeIban ?? supplier?.iban ?? person?.iban;
  const counterParty: ProcountorInvoice['counterParty'] = supplier
    ? {
        ...(supplier.businessId ? { identifier: supplier.businessId } : {}),
        counterPartyAddress: {
          name: supplier.name,
          ...(supplier.street ? { street: supplier.street } : {}),
          ...(supplier.zip ? { zip: supplier.zip } : {}),
          ...(supplier.city ? { city: supplier.city } : {}),
        },
      }
    : // Contract: "With travel and expense invoices, it is the reporter of the expenses".
      { counterPartyAddress: { name: person?.name ?? '' } };
  const invoice: ProcountorInvoice = {
    type: EXPENSE_DOCUMENT_KINDS[kind],
    ...(context.personId !== undefined ? { partnerId: context.personId } : {}),
    ...(context.supplierPartnerId !== undefined ? { partnerId: context.supplierPartnerId } : {}),
    date: document.invoiceDate,
    counterParty,
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: (document.currency ?? 'EUR') as ProcountorInvoice['paymentInfo']['currency'],
      dueDate: document.dueDate ?? document.invoiceDate,
      currencyRate: 1,
      ...(iban ? { bankAccount: { accountNumber: normaliseIban(iban) } } : {}),
      ...(supplier?.referenceCode ? { bankReferenceCode: supplier.referenceCode.replace(/\s/g, '') } : {}),
    },
    // Accounting by row: each row has its own ledger transaction for its dimensions (FACTS.md "Invoices").
    extraInfo: { accountingByRow: true, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'NO_SENDING',
    // Contract Invoice.vatStatus: "Required for all invoices except travel invoices and expense claims".
    ...(kind === 'purchase_invoice' ? { vatStatus: 1 } : {}),
    originalInvoiceNumber: originalNumberOf(document),
    ...(document.notes ? { notes: document.notes } : {}),
    ...('travel' in document && document.travel?.length ? { travelInformationItems: document.travel } : {}),
    invoiceRows: document.rows.map((row) => {
      const code = row.expenseCode ?? (kind === 'purchase_invoice' ? undefined : context.defaultExpenseCode);
      const product = code ? context.products[code] : undefined;
      return {
        product: row.description,
        ...(product ? { productId: product.id, productCode: product.code } : code ? { productCode: code } : {}),
        quantity: row.quantity,
        unit: toProcountorUnit(row.unit) ?? 'PIECE',
        unitPrice: row.unitPrice,
        discountPercent: 0,
        vatPercent: row.vatPercent,
        ...(row.comment ? { comment: row.comment } : {}),
      };
    }),
  };
  return invoice;
}
