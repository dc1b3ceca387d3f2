// Finnish reference number (viitenumero): creation with the 7-3-1 check digit, validation, printing in groups of five.
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

// Rules from Finance Finland's (formerly the Finnish Bankers' Association, FKL) "Kotimaisen viitteen rakenneohje",
// as quoted by XMLdation (knowledge.xmldation.com/finnish-reference-number): at least 4 digits (3 + check digit), at
// most 19 + 1; the base digits are weighted 7, 3, 1, 7, 3, 1 … from right to left, and the check digit is the
// distance from the sum up to the next multiple of ten; printed in groups of five separated by a space (left to right
// or right to left), leading zeros not printed. The machine-readable form pads with zeros to 20 digits.
const WEIGHTS = [7, 3, 1] as const;
const MIN_BASE_DIGITS = 3;
const MAX_BASE_DIGITS = 19;
const MIN_DIGITS = MIN_BASE_DIGITS + 1;
const MAX_DIGITS = MAX_BASE_DIGITS + 1;

/** The 7-3-1 check digit of a base of digits. */
function checkDigitFor(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    sum += Number(base[base.length - 1 - i]) * WEIGHTS[i % 3]!;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the spaces in `text` separate groups of five digits, counted from either end. */
function isGroupedInFives(text: string): boolean {
  const groups = text.split(' ');
  if (groups.some((group) => group.length === 0 || group.length > 5)) return false;
  const fromRight = groups.slice(1).every((group) => group.length === 5);
  const fromLeft = groups.slice(0, -1).every((group) => group.length === 5);
  return fromRight || fromLeft;
}

/** Checks a reference number and returns its digits without spaces or leading zeros. */
function checkReferenceNumber(input: string): ValueResult<string> {
  const trimmed = input.trim();
  if (trimmed === '') return invalid('must not be empty');
  if (!/^[\d ]+$/.test(trimmed)) return invalid('must contain only digits, optionally spaced in groups of five');
  if (trimmed.includes(' ') && !isGroupedInFives(trimmed)) {
    return invalid('spaces may only separate groups of five digits');
  }
  const digits = trimmed.replaceAll(' ', '');
  if (digits.length > MAX_DIGITS) return invalid(`must be ${MIN_DIGITS}–${MAX_DIGITS} digits`);
  const significant = digits.replace(/^0+/, '');
  if (significant.length < MIN_DIGITS) {
    return invalid(`must be ${MIN_DIGITS}–${MAX_DIGITS} digits, not counting leading zeros`);
  }
  const expected = checkDigitFor(significant.slice(0, -1));
  if (Number(significant.slice(-1)) !== expected) return invalid(`the check digit should be ${expected}`);
  return { valid: true, value: significant };
}

/**
 * Creates a Finnish reference number from a base of 3–19 digits (an invoice or customer number) by appending the
 * 7-3-1 check digit: base `123` gives `1232`. Leading zeros of the base are dropped, as they are never printed and
 * do not change the check digit. Returns the electronic form, without spaces.
 */
export function createReferenceNumber(base: string): ValueResult<string> {
  const trimmed = base.trim();
  if (trimmed === '') return invalid('the base must not be empty');
  if (!/^\d+$/.test(trimmed)) return invalid('the base must contain only digits');
  const significant = trimmed.replace(/^0+/, '');
  if (significant.length < MIN_BASE_DIGITS || significant.length > MAX_BASE_DIGITS) {
    return invalid(`the base must be ${MIN_BASE_DIGITS}–${MAX_BASE_DIGITS} digits, not counting leading zeros`);
  }
  return { valid: true, value: `${significant}${checkDigitFor(significant)}` };
}

/**
 * Validates a Finnish reference number: 4–20 digits (leading zeros of the 20-digit machine form allowed, not counted
 * towards the minimum), the last one the 7-3-1 check digit. Spaces may separate groups of five digits.
 */
export function validateReferenceNumber(input: string): ValidationResult {
  const result = checkReferenceNumber(input);
  return result.valid ? { valid: true } : result;
}

/**
 * Formats a Finnish reference number for print: leading zeros dropped, groups of five counted from the right, as in
 * Finance Finland's example `12 34561`.
 */
export function formatReferenceNumber(input: string): ValueResult<string> {
  const result = checkReferenceNumber(input);
  if (!result.valid) return result;
  const digits = result.value;
  const firstGroupLength = digits.length % 5 || 5;
  const groups = [digits.slice(0, firstGroupLength)];
  for (let start = firstGroupLength; start < digits.length; start += 5) {
    groups.push(digits.slice(start, start + 5));
  }
  return { valid: true, value: groups.join(' ') };
}

/**
 * Returns a reference number in its electronic form, spaces and leading zeros removed (`12 34561` → `1234561`): the
 * form to store or send as Procountor's `paymentInfo.bankReferenceCode`. Checks the reference first.
 */
export function compactReferenceNumber(input: string): ValueResult<string> {
  return checkReferenceNumber(input);
}
