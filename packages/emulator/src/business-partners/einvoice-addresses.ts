// E-invoice address (OVT or IBAN) and operator checks behind INVALID_OVT, OVT_NOT_ALLOWED and ERROR_OPERATOR (FACTS.md,
// Errors; Taimer's help page explains ERROR_OPERATOR).
import { validateBusinessId, validateIban } from '@procountor-bridge/client/finnish';

/**
 * Finnish e-invoice operator codes (intermediator OVTs and bank BICs). Assumption: a partial list of the operators
 * TIEKE publishes; any other code answers ERROR_OPERATOR (README "Assumptions").
 */
export const EINVOICE_OPERATORS: Record<string, string> = {
  '003721291126': 'Maventa',
  '003723327487': 'Apix Messaging',
  '003703575029': 'CGI',
  '003710948874': 'OpusCapita',
  E204503: 'OpusCapita',
  '003701150617': 'PostNord Strålfors',
  '003714377140': 'Enfo',
  '003708599126': 'Liaison Technologies',
  '00885790000000418': 'HighJump / Basware',
  BAWCFI22: 'Basware',
  TAPIFI22: 'Tietoevry',
  INEXCHANGE: 'InExchange',
  '003702033739': 'Telia Finland',
  NDEAFIHH: 'Nordea',
  OKOYFIHH: 'OP',
  HELSFIHH: 'Aktia',
  DABAFIHH: 'Danske Bank',
  HANDFIHH: 'Handelsbanken',
  SBANFIHH: 'S-Pankki',
  POPFFI22: 'POP Pankki',
  ITELFIHH: 'Säästöpankki',
  AABAFI22: 'Ålandsbanken',
};

export function isKnownEInvoiceOperator(code: string): boolean {
  return code.trim().toUpperCase() in EINVOICE_OPERATORS || code.trim() in EINVOICE_OPERATORS;
}

/**
 * A Finnish OVT: 0037 + the 8 digits of a valid business ID + up to 5 optional characters. An IBAN is also a valid
 * e-invoice address (consumer e-invoices via the bank).
 */
export function isValidEInvoiceAddress(value: string): boolean {
  const address = value.trim();
  const ovt = /^0037(\d{7})(\d)([0-9A-Za-z]{0,5})$/.exec(address);
  if (ovt) return validateBusinessId(`${ovt[1]}-${ovt[2]}`).valid;
  return validateIban(address).valid;
}

/** FACTS.md "Errors": OVT_NOT_ALLOWED, a well-formed OVT where an OVT is not allowed (INVALID_OVT: a malformed one). */
export const OVT_NOT_ALLOWED = 'OVT_NOT_ALLOWED';

/** Countries whose businesses have Finnish business IDs, hence OVTs (Åland is a country of its own in the contract). */
const OVT_COUNTRIES = new Set(['FINLAND', 'ALAND_ISLANDS']);

/**
 * A Finnish OVT (0037 + a business ID) addressed to a recipient outside Finland: the contract's EInvoiceAddress.address
 * "format must be valid for the specified country", and only Finnish businesses have OVTs. Assumption: this is where
 * Procountor answers OVT_NOT_ALLOWED (README "Assumptions"); a missing country is not checked.
 */
export function isOvtNotAllowed(address: string, country: string | undefined): boolean {
  return address.trim().startsWith('0037') && country !== undefined && !OVT_COUNTRIES.has(country);
}
