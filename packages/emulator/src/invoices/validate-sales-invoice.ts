// Rules for sales invoices and sales orders that the contract states in prose: language, channel needs, e-invoicing.
import { isOvtNotAllowed, OVT_NOT_ALLOWED } from '../business-partners/einvoice-addresses';
import type { ErrorEntry } from '../http/procountor-error';
import type { Invoice } from '../state/contract-types';

type Address = Invoice['counterParty']['counterPartyAddress'];
type Problems = ErrorEntry[];

const MUST_NOT_BE_NULL = 'must not be null';
// FACTS.md "Errors": codes Procountor answers for a bad e-invoice address and operator (ERROR_OPERATOR as Taimer's help
// page explains it).
export const INVALID_OVT = 'INVALID_OVT';
export const ERROR_OPERATOR = 'ERROR_OPERATOR';

function add(problems: Problems, field: string, message: string): void {
  problems.push({ status: 400, field, message });
}

function requireAddressParts(problems: Problems, address: Partial<Address> | undefined, prefix: string): void {
  for (const part of ['street', 'zip', 'city'] as const) {
    if (!address?.[part]) add(problems, `${prefix}.${part}`, MUST_NOT_BE_NULL);
  }
}

/**
 * Finnish OVT identifier: "0037", the 8 digits of a business ID without its hyphen, and an optional 0–5 character
 * suffix; the business ID's check digit must match (weights 7, 9, 10, 5, 8, 4, 2; remainder 1 is never valid).
 */
function isValidOvt(address: string): boolean {
  const match = /^0037(\d{7})(\d)[0-9A-Za-z]{0,5}$/.exec(address);
  if (!match) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...match[1]!].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return (remainder === 0 ? 0 : 11 - remainder) === Number(match[2]);
}

/** An e-invoice address: an OVT identifier (checked), an IBAN (consumer e-invoices) or another operator-given id. */
function eInvoiceAddressProblem(address: string): string | null {
  if (address.startsWith('0037')) return isValidOvt(address) ? null : INVALID_OVT;
  return /^[0-9A-Za-z]{4,35}$/.test(address) ? null : INVALID_OVT;
}

/** Operator codes are BICs (e.g. NDEAFIHH) or OVT-style numeric ids (e.g. 003721291126) or "E" ids (E204503). */
function isValidOperator(operator: string): boolean {
  return (
    /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(operator) || /^\d{10,17}$/.test(operator) || /^E\d{5,8}$/.test(operator)
  );
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Sales-only checks, all problems collected (contract Invoice, CounterParty, InvoiceCounterpartyAddress, EInvoiceAddress). */
export function salesInvoiceViolations(invoice: Invoice): Problems {
  const problems: Problems = [];
  // Contract Invoice.language: "Required for sales invoices and sales orders".
  if (invoice.language === undefined) add(problems, 'language', MUST_NOT_BE_NULL);
  // Contract Invoice.deliveryMethod: "SALES_INVOICE and SALES_ORDER do not support type OTHER".
  if (invoice.deliveryMethod === 'OTHER') add(problems, 'deliveryMethod', 'OTHER is not supported for sales invoices');

  const counterParty = invoice.counterParty;
  if (!counterParty || typeof counterParty !== 'object') return problems;
  const address = counterParty.counterPartyAddress;
  // Contract Invoice.billingAddress: "If omitted for sales invoice, assumed to equal the counter party address".
  const billing = invoice.billingAddress === undefined ? address : invoice.billingAddress;

  switch (invoice.invoiceChannel) {
    case 'MAIL':
      // Street, zip and city "must be specified in counterPartyAddress if not specified in billingAddress".
      if (!(billing?.street && billing.zip && billing.city))
        requireAddressParts(problems, address, 'counterParty.counterPartyAddress');
      break;
    case 'ELECTRONIC_INVOICE': {
      if (invoice.type !== 'SALES_INVOICE') break;
      // "Required for SALES_INVOICE if invoicing channel is ELECTRONIC_INVOICE … in billingAddress and counterPartyAddress".
      requireAddressParts(problems, address, 'counterParty.counterPartyAddress');
      requireAddressParts(problems, billing, 'billingAddress');
      const eInvoice = counterParty.einvoiceAddress;
      // When counterPartyAddress.country is absent it counts as FINLAND (assumption, README).
      const country = address?.country ?? 'FINLAND';
      if (!eInvoice?.address) add(problems, 'counterParty.einvoiceAddress.address', MUST_NOT_BE_NULL);
      else {
        const problem = eInvoiceAddressProblem(eInvoice.address);
        if (problem) add(problems, 'counterParty.einvoiceAddress.address', problem);
        else if (isOvtNotAllowed(eInvoice.address, country))
          add(problems, 'counterParty.einvoiceAddress.address', OVT_NOT_ALLOWED);
      }
      // Contract EInvoiceAddress.operator: "Required if the invoiceChannel is ELECTRONIC_INVOICE and country is FINLAND".
      if (!eInvoice?.operator) {
        if (country === 'FINLAND') add(problems, 'counterParty.einvoiceAddress.operator', MUST_NOT_BE_NULL);
      } else if (!isValidOperator(eInvoice.operator))
        add(problems, 'counterParty.einvoiceAddress.operator', ERROR_OPERATOR);
      break;
    }
    case 'EMAIL':
      // FACTS.md: EMAIL needs counterParty.email; contract CounterParty.email: "Required to be correct if supported".
      if (!counterParty.email) add(problems, 'counterParty.email', MUST_NOT_BE_NULL);
      else if (!EMAIL.test(counterParty.email))
        add(problems, 'counterParty.email', 'must be a well-formed email address');
      break;
    default:
      break;
  }

  // Contract CounterParty.bccAddresses: at most 4, not the main address, no special characters, ≤ 256 characters.
  const bcc = counterParty.bccAddresses ?? [];
  if (bcc.length > 4) add(problems, 'counterParty.bccAddresses', 'at most 4 addresses are allowed');
  bcc.forEach((entry, i) => {
    if (entry.length > 256 || !EMAIL.test(entry) || /[<>()[\]\\,;:"\s]/.test(entry)) {
      add(problems, `counterParty.bccAddresses[${i}]`, 'must be a well-formed email address of at most 256 characters');
    } else if (counterParty.email && entry.toLowerCase() === counterParty.email.toLowerCase()) {
      add(problems, `counterParty.bccAddresses[${i}]`, 'must not match the main email address');
    }
  });
  return problems;
}
