// Rules for invoices the company pays: purchase invoices and orders, travel invoices and expense claims.
import type { ErrorEntry } from '../http/procountor-error';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

type Problems = ErrorEntry[];

function add(problems: Problems, field: string, message: string): void {
  problems.push({ status: 400, field, message });
}

/** Purchase invoices and purchase orders (contract Invoice: vatStatus required; cash discounts allowed). */
export function purchaseInvoiceViolations(_invoice: Invoice): Problems {
  // Everything the contract states for purchases is common to other types and checked in validate-invoice.ts.
  return [];
}

/**
 * Travel invoices and expense claims. The counterparty is "the reporter of the expenses" (contract
 * Invoice.counterParty); Visma Severa's and Taimer's help pages say travel and expense transfers need the person's
 * identity, which the API carries as a partnerId in the person register (contract Person.id = partnerId of type
 * PERSON). Requiring it is an assumption (README "Assumptions").
 */
export function travelOrExpenseViolations(invoice: Invoice, company: CompanyData): Problems {
  const problems: Problems = [];
  if (invoice.partnerId === undefined) add(problems, 'partnerId', 'must not be null');
  // Contract PaymentInfo.cashDiscount: "Only SALES_INVOICE, SALES_ORDER, PURCHASE_INVOICE and PURCHASE_ORDER".
  if (invoice.paymentInfo?.cashDiscount !== undefined) {
    add(problems, 'paymentInfo.cashDiscount', `not supported for ${invoice.type}`);
  }
  // A person's partnerId must name someone in the person register (or a PERSON business partner).
  if (invoice.partnerId !== undefined) {
    const partner = company.businessPartners.get(invoice.partnerId);
    const isPerson = company.persons.has(invoice.partnerId) || partner?.type === 'PERSON';
    if (!isPerson && partner) add(problems, 'partnerId', 'must refer to a person in the person register');
  }
  return problems;
}
