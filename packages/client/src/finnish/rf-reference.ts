// RF creditor reference (ISO 11649): create, validate, print in groups of four, convert from and to Finnish references.
import { mod97CheckDigits } from './mod-97';
import { compactReferenceNumber } from './reference-number';
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

// ISO 11649 format 2!a2!n21c: "RF", two check digits, then 1–21 letters (A–Z, a–z) or digits. The check digits are
// ISO 7064 MOD 97-10 as for IBANs: moving "RFcc" to the end and reading letters as A = 10 … Z = 35 must leave
// remainder 1 (ISO 11649:2009 overview, theiteh.com; XMLdation "RF Creditor Reference"). Printed in groups of four.
// Letters are compared case-insensitively and returned upper-case.
const MAX_BODY_LENGTH = 21;
const BODY_PATTERN = /^[0-9A-Z]+$/;

function compact(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Checks an RF reference and returns it in electronic form: no spaces, upper-case. */
function checkRfReference(input: string): ValueResult<string> {
  const reference = compact(input);
  if (reference === '') return invalid('must not be empty');
  if (!reference.startsWith('RF')) return invalid('must start with RF');
  if (!/^RF\d{2}/.test(reference)) return invalid('must have two check digits after RF');
  const body = reference.slice(4);
  if (body.length === 0 || body.length > MAX_BODY_LENGTH) {
    return invalid(`must have 1–${MAX_BODY_LENGTH} letters or digits after RF and the check digits`);
  }
  if (!BODY_PATTERN.test(body)) return invalid('must contain only letters A–Z and digits after RF');
  // Comparing with the computed digits (rather than only testing remainder 1) also refuses the aliases 00, 01 and 99,
  // which can leave remainder 1 but are never issued: computed check digits are always 02–98.
  const expected = mod97CheckDigits(body, 'RF');
  if (reference.slice(2, 4) !== expected) return invalid(`the check digits should be ${expected}`);
  return { valid: true, value: reference };
}

/**
 * Creates an RF creditor reference from a base of 1–21 letters or digits (spaces ignored): base `539007547034` gives
 * `RF18539007547034`. Returns the electronic form; use {@link formatRfReference} for print.
 */
export function createRfReference(base: string): ValueResult<string> {
  const body = compact(base);
  if (body === '') return invalid('the base must not be empty');
  if (!BODY_PATTERN.test(body)) return invalid('the base must contain only letters A–Z and digits');
  if (body.length > MAX_BODY_LENGTH) return invalid(`the base must be at most ${MAX_BODY_LENGTH} characters`);
  return { valid: true, value: `RF${mod97CheckDigits(body, 'RF')}${body}` };
}

/**
 * Validates an RF creditor reference (ISO 11649) such as `RF18 5390 0754 7034`: "RF", two check digits (MOD 97-10),
 * then 1–21 letters or digits. Spaces anywhere and lower-case letters are accepted.
 */
export function validateRfReference(input: string): ValidationResult {
  const result = checkRfReference(input);
  return result.valid ? { valid: true } : result;
}

/** Formats an RF creditor reference for print: upper-case, groups of four from the left (`RF18 5390 0754 7034`). */
export function formatRfReference(input: string): ValueResult<string> {
  const result = checkRfReference(input);
  if (!result.valid) return result;
  return { valid: true, value: result.value.replace(/(.{4})(?=.)/g, '$1 ') };
}

/**
 * Converts a Finnish reference number to an RF creditor reference: "RF", the check digits, then the Finnish reference
 * with its own check digit, spaces and leading zeros removed. `1232` gives `RF111232` (Paytrail's documented example).
 */
export function toRfReference(finnishReference: string): ValueResult<string> {
  const compacted = compactReferenceNumber(finnishReference);
  if (!compacted.valid) return compacted;
  return createRfReference(compacted.value);
}

/**
 * Converts an RF creditor reference built from a Finnish reference number back to that number (`RF111232` → `1232`),
 * for matching payments. Fails when the RF reference is invalid or what follows its check digits is not a valid
 * Finnish reference number.
 */
export function toFinnishReferenceNumber(rfReference: string): ValueResult<string> {
  const checked = checkRfReference(rfReference);
  if (!checked.valid) return checked;
  const finnish = compactReferenceNumber(checked.value.slice(4));
  if (!finnish.valid) {
    return invalid(`does not hold a Finnish reference number after RF and the check digits (${finnish.reason})`);
  }
  return finnish;
}
