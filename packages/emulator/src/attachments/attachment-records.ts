// When and by whom each attachment was added (contract Document.attached, Document.user), and its owner's lists.
import type { Attachment } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

export interface AttachmentFacts {
  attached: string;
  user: string;
}

const factsByCompany = new WeakMap<CompanyData, Map<number, AttachmentFacts>>();

export function attachmentFacts(company: CompanyData): Map<number, AttachmentFacts> {
  let facts = factsByCompany.get(company);
  if (!facts) {
    facts = new Map();
    factsByCompany.set(company, facts);
  }
  return facts;
}

/** The attachment lists that show an attachment: its invoice and that invoice's ledger receipt, or a receipt. */
export function ownerLists(company: CompanyData, meta: Attachment): Attachment[][] {
  const lists: Attachment[][] = [];
  if (meta.referenceType === 'INVOICE') {
    const invoice = company.invoices.get(meta.referenceId);
    if (invoice) {
      invoice.attachments ??= [];
      lists.push(invoice.attachments);
      const receipt =
        invoice.ledgerReceiptId === undefined ? undefined : company.ledgerReceipts.get(invoice.ledgerReceiptId);
      if (receipt) {
        receipt.attachments ??= [];
        lists.push(receipt.attachments);
      }
    }
  } else if (meta.referenceType === 'LEDGERRECEIPT') {
    const receipt = company.ledgerReceipts.get(meta.referenceId);
    if (receipt) {
      receipt.attachments ??= [];
      lists.push(receipt.attachments);
    }
  }
  return lists;
}
