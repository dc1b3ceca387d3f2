// Finnish business rules shared by the client, the emulator and the bridge: business IDs, personal identity codes,
// references, IBANs, e-invoice addresses, VAT rates.
export {
  businessIdFromFinnishVatNumber,
  createBusinessId,
  formatBusinessId,
  toFinnishVatNumber,
  validateBusinessId,
  validateFinnishVatNumber,
} from './business-id';
export { validateEInvoiceAddress, validateEInvoiceOperator, validateOvt } from './e-invoice-address';
export { createFinnishIban, formatIban, normaliseIban, validateIban } from './iban';
export {
  createPersonalIdentityCode,
  maskPersonalIdentityCode,
  validatePersonalIdentityCode,
} from './personal-identity-code';
export {
  compactReferenceNumber,
  createReferenceNumber,
  formatReferenceNumber,
  validateReferenceNumber,
} from './reference-number';
export {
  createRfReference,
  formatRfReference,
  toFinnishReferenceNumber,
  toRfReference,
  validateRfReference,
} from './rf-reference';
export type { ValidationResult, ValueResult } from './validation-result';
export {
  type FinnishVatRate,
  type FinnishVatRates,
  finnishVatRatesOn,
  isValidFinnishVatRate,
  validateFinnishVatRate,
} from './vat-rates';
