// Picks Procountor's invoiceChannel for a sales invoice by the rule Visma Severa's integration uses.
import type { CustomerInput } from './sales-invoice-schema';

export type InvoiceChannel = 'ELECTRONIC_INVOICE' | 'EMAIL' | 'MAIL' | 'NO_SENDING';

export interface InvoiceChannelSettings {
  /** The connection never lets Procountor send the invoice (it is sent some other way). */
  sendingDisabled: boolean;
  /** "Enable email sending of invoices" (a setting of Visma Severa's integration). */
  emailSendingEnabled: boolean;
}

/** The invoice goes to the chosen contact person's e-mail (receiverContactEmail), else the customer's. */
export function invoiceEmailOf(customer: CustomerInput): string | undefined {
  return customer.contactEmail ?? customer.email;
}

/**
 * Invoice channel, as Visma Severa's integration picks it: ELECTRONIC_INVOICE when both the e-invoice address and
 * operator are present; EMAIL when e-mail sending is on and the contact person or the customer has an e-mail address;
 * MAIL otherwise. NO_SENDING when the connection says so.
 */
export function chooseInvoiceChannel(customer: CustomerInput, settings: InvoiceChannelSettings): InvoiceChannel {
  if (settings.sendingDisabled) return 'NO_SENDING';
  if (customer.eInvoice?.address && customer.eInvoice.operator) return 'ELECTRONIC_INVOICE';
  if (settings.emailSendingEnabled && invoiceEmailOf(customer)) return 'EMAIL';
  return 'MAIL';
}
