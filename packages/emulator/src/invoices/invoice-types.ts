// Groups of Procountor invoice types that share validation and status rules (contract Invoice.type descriptions).
import type { Invoice } from '../state/contract-types';

export type InvoiceType = Invoice['type'];
export type InvoiceStatus = NonNullable<Invoice['status']>;

/** Contract Invoice.language: "Required for sales invoices and sales orders". */
export function isSalesType(type: InvoiceType): boolean {
  return type === 'SALES_INVOICE' || type === 'SALES_ORDER';
}

/** Contract Invoice.vatStatus: "Required for all invoices except travel invoices and expense claims". */
export function isTravelOrExpenseType(type: InvoiceType): boolean {
  return type === 'TRAVEL_INVOICE' || type === 'BILL_OF_CHARGES';
}

/** Invoices the company receives and pays: they circulate (verify, approve) before payment. */
export function isPayableType(type: InvoiceType): boolean {
  return type === 'PURCHASE_INVOICE' || type === 'PURCHASE_ORDER' || isTravelOrExpenseType(type);
}

/** Contract PUT /invoices/{id}: sales and sales orders while UNFINISHED; the others also while RECEIVED. */
export function isEditableStatus(type: InvoiceType, status: InvoiceStatus): boolean {
  if (status === 'UNFINISHED') return true;
  return !isSalesType(type) && status === 'RECEIVED';
}

/**
 * The business partner register an invoice's partnerId must be in (contract Invoice.partnerId: "the company must
 * have this partner ID in the corresponding register"): customers for sales, suppliers for purchases, persons for
 * travel and expense invoices (contract Person.id: "same as business partner's partnerId for type PERSON").
 */
export function partnerTypeFor(type: InvoiceType): 'CUSTOMER' | 'SUPPLIER' | 'PERSON' {
  if (isSalesType(type)) return 'CUSTOMER';
  if (isTravelOrExpenseType(type)) return 'PERSON';
  return 'SUPPLIER';
}
