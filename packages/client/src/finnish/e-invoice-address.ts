// Finnish e-invoice addresses (OVT identifier or IBAN) and operator codes: the checks behind Procountor's INVALID_OVT
// and ERROR_OPERATOR (FACTS.md "Errors").
import { validateBusinessId } from './business-id';
import { validateIban } from './iban';
import { invalid, type ValidationResult } from './validation-result';

// TIEKE's OVT identifier (tieke.fi, "OVT-tunnus"): 0037, the business ID's 8 digits without the hyphen, and an
// optional suffix of up to 5 digits or letters naming a unit of the company.
const OVT_PATTERN = /^0037(\d{7})(\d)([0-9A-Za-z]{0,5})$/;
// A GS1 Global Location Number (13 digits) behind the 0088 prefix: some operators identify themselves with one
// (e.g. 00885790000000418).
const GLN_OPERATOR_PATTERN = /^0088(\d{13})$/;
// A bank acting as e-invoice operator is named by its BIC (ISO 9362): 4 letters, a 2-letter country, 2 letters or
// digits, an optional 3-character branch.
const BIC_PATTERN = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
// OpusCapita's operator code family, e.g. E204503.
const E_CODE_PATTERN = /^E\d{5,8}$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** A BIC's letters 5–6 are an ISO 3166 country code: AA or QQ are no country, so no bank's BIC has them. */
function isBic(code: string): boolean {
  return BIC_PATTERN.test(code) && regionNames.of(code.slice(4, 6)) !== undefined;
}
// Operators on TIEKE's list whose code is a name, not a number or a BIC.
const NAMED_OPERATORS: ReadonlySet<string> = new Set(['INEXCHANGE', 'PAGERO', 'CREDIFLOW']);

/** GS1's check digit of a 13-digit GLN: weights 1 and 3 alternating from the left over the first 12 digits. */
function hasGlnCheckDigit(gln: string): boolean {
  const sum = [...gln.slice(0, 12)].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(gln[12]);
}

/**
 * Validates a Finnish OVT identifier: `0037`, a business ID's 8 digits (its check digit verified), and an optional
 * 0–5 character suffix, e.g. `003712345671` or `0037123456710001`.
 */
export function validateOvt(input: string): ValidationResult {
  const ovt = input.trim();
  const match = OVT_PATTERN.exec(ovt);
  if (!match) {
    return invalid(
      'an OVT identifier is 0037, the 8 digits of a business ID and an optional suffix of up to 5 characters',
    );
  }
  const businessId = validateBusinessId(`${match[1]}-${match[2]}`);
  if (!businessId.valid) return invalid(`its business ID ${match[1]}-${match[2]} is not valid: ${businessId.reason}`);
  return { valid: true };
}

/**
 * Validates an e-invoice address: an OVT identifier (a company's address, checked with its business ID) or an IBAN
 * (a consumer's e-invoice goes to their bank account; checked with its MOD 97 digits).
 */
export function validateEInvoiceAddress(input: string): ValidationResult {
  const address = input.trim();
  if (address === '') return invalid('must not be empty');
  if (/^\d/.test(address)) return validateOvt(address);
  const iban = validateIban(address);
  if (!iban.valid) return invalid(`is neither an OVT identifier (0037…) nor a valid IBAN: ${iban.reason}`);
  return { valid: true };
}

/**
 * Validates an e-invoice operator code in the forms TIEKE's operator list uses: an operator's own OVT identifier
 * (003721291126, checked), a 0088 GLN code, a bank's BIC (NDEAFIHH), an E code (E204503) or a named code
 * (INEXCHANGE). Whether the operator exists is Procountor's to say; this refuses what no operator code looks like.
 */
export function validateEInvoiceOperator(input: string): ValidationResult {
  const code = input.trim();
  if (code === '') return invalid('must not be empty');
  if (code.startsWith('0037')) {
    const ovt = validateOvt(code);
    return ovt.valid ? ovt : invalid(`an operator's OVT identifier: ${ovt.reason}`);
  }
  const gln = GLN_OPERATOR_PATTERN.exec(code);
  if (gln) return hasGlnCheckDigit(gln[1]!) ? { valid: true } : invalid('the check digit of its GLN (0088…) is wrong');
  if (E_CODE_PATTERN.test(code) || NAMED_OPERATORS.has(code) || isBic(code)) return { valid: true };
  return invalid(
    "is not an operator code: use the operator's OVT identifier (e.g. 003721291126), a bank's BIC (e.g. NDEAFIHH), an E code (E204503) or a named code such as INEXCHANGE",
  );
}
