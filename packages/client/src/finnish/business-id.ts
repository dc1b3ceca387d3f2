// Finnish business ID (Y-tunnus): check-digit validation, the 1234567-8 form, and the FI12345678 VAT number.
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

// Weights of the seven digits, left to right; the check digit is 11 − (weighted sum mod 11), 0 for remainder 0, and
// no ID is issued when the remainder is 1. The same rule is implemented by python-stdnum (stdnum/fi/alv.py) and by
// Perl's Algorithm::CheckDigits::M11_007 ("VAT Registration Number (FI)").
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

// Seven digits, an optional hyphen and the check digit. YTJ (ytj.fi/english/business-id) defines the ID as "seven
// digits, a dash and a control mark, i.e. it has the form 1234567-8"; Procountor also accepts it without the hyphen
// (support.procountor.fi, "Business ID"). An older six-digit form padded with a leading zero is NOT accepted: no
// Finnish Tax Administration or YTJ source we found documents such padding, so we do not guess.
const BUSINESS_ID_PATTERN = /^(\d{7})-?(\d)$/;
const VAT_NUMBER_PATTERN = /^FI(\d{8})$/;

const FORM_RULE = 'must be 7 digits, a hyphen and a check digit, like 1234567-8';

/** The check digit for seven digits, or undefined when the weighted sum leaves remainder 1 (no such ID exists). */
function checkDigitFor(sevenDigits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    sum += Number(sevenDigits[i]) * WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  if (remainder === 1) return undefined;
  return remainder === 0 ? 0 : 11 - remainder;
}

/** Checks seven digits and a check digit; returns the ID in its official 1234567-8 form. */
function checkDigits(sevenDigits: string, checkDigit: string): ValueResult<string> {
  const expected = checkDigitFor(sevenDigits);
  if (expected === undefined) {
    return invalid(
      `no business ID starts with ${sevenDigits}: its weighted sum leaves remainder 1, which has no check digit`,
    );
  }
  if (Number(checkDigit) !== expected) return invalid(`the check digit should be ${expected}`);
  return { valid: true, value: `${sevenDigits}-${checkDigit}` };
}

/**
 * Formats a Finnish business ID as `1234567-8`, the form YTJ and the Finnish Tax Administration print.
 * Accepts the ID with or without the hyphen, with surrounding whitespace; checks the check digit.
 */
export function formatBusinessId(input: string): ValueResult<string> {
  const trimmed = input.trim();
  if (trimmed === '') return invalid('must not be empty');
  const match = BUSINESS_ID_PATTERN.exec(trimmed);
  if (!match) return invalid(FORM_RULE);
  return checkDigits(match[1]!, match[2]!);
}

/**
 * Validates a Finnish business ID (Y-tunnus) such as `1234567-8`: seven digits, an optional hyphen and a check digit
 * computed with the weights 7, 9, 10, 5, 8, 4, 2 modulo 11. The old six-digit form is not accepted.
 */
export function validateBusinessId(input: string): ValidationResult {
  const result = formatBusinessId(input);
  return result.valid ? { valid: true } : result;
}

/**
 * Converts a Finnish business ID to its EU VAT number: `1234567-8` becomes `FI12345678` (the hyphen dropped, "FI" in
 * front). Whether the company is VAT-registered is not something the number can tell: check that in VIES or YTJ.
 */
export function toFinnishVatNumber(businessId: string): ValueResult<string> {
  const result = formatBusinessId(businessId);
  if (!result.valid) return result;
  return { valid: true, value: `FI${result.value.replace('-', '')}` };
}

/**
 * Converts a Finnish VAT number such as `FI12345678` (case and spaces ignored) back to the business ID `1234567-8`,
 * checking the check digit on the way.
 */
export function businessIdFromFinnishVatNumber(vatNumber: string): ValueResult<string> {
  const compact = vatNumber.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return invalid('must not be empty');
  if (!compact.startsWith('FI')) return invalid('must start with FI');
  const match = VAT_NUMBER_PATTERN.exec(compact);
  if (!match) return invalid('must be FI followed by 8 digits, like FI12345678');
  const digits = match[1]!;
  return checkDigits(digits.slice(0, 7), digits.slice(7));
}

/** Validates a Finnish VAT number `FI12345678`: "FI", then a business ID without its hyphen. */
export function validateFinnishVatNumber(vatNumber: string): ValidationResult {
  const result = businessIdFromFinnishVatNumber(vatNumber);
  return result.valid ? { valid: true } : result;
}

/** Builds a valid business ID from seven digits (test and demo data): `createBusinessId('0737546')` → `0737546-2`. */
export function createBusinessId(sevenDigits: string): ValueResult<string> {
  if (!/^\d{7}$/.test(sevenDigits)) return invalid('must be 7 digits');
  const check = checkDigitFor(sevenDigits);
  if (check === undefined) {
    return invalid(
      `no business ID starts with ${sevenDigits}: its weighted sum leaves remainder 1, which has no check digit`,
    );
  }
  return { valid: true, value: `${sevenDigits}-${check}` };
}
