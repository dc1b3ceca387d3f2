// Finnish reference number rules checked against Finance Finland and other published examples.
import { describe, expect, it } from 'vitest';
import {
  compactReferenceNumber,
  createReferenceNumber,
  formatReferenceNumber,
  validateReferenceNumber,
} from './reference-number';

// Every expected check digit below was recomputed with python3 (weights 7, 3, 1 from the right; check digit =
// (10 − sum mod 10) mod 10) before use.
describe('createReferenceNumber', () => {
  it.each([
    // Paytrail E2 interface docs, REFERENCE_NUMBER: "e.g. 1232 or RF111232" (123: 3·7 + 2·3 + 1·1 = 28 → 2).
    ['123', '1232'],
    // Finance Finland's guide as quoted by XMLdation "Finnish reference number": "12 34561" (sum 89 → 1).
    ['123456', '1234561'],
    // JustOn docs "Setting Up Finnish Reference Number": sum 246, 250 − 246 = 4 → 1 23456 71234 56784.
    ['123456712345678', '1234567123456784'],
    // Not 12323 as once guessed: 1232 weighs 2·7 + 3·3 + 2·1 + 1·7 = 32, so the check digit is 8.
    ['1232', '12328'],
    // A sum that is already a multiple of ten gives check digit 0: 505 weighs 5·7 + 0·3 + 5·1 = 40.
    ['505', '5050'],
    // The longest base, 19 digits.
    ['1234567890123456789', '12345678901234567894'],
  ])('creates from base %s the reference %s', (base, reference) => {
    expect(createReferenceNumber(base)).toEqual({ valid: true, value: reference });
  });

  it('drops leading zeros of the base, which are never printed and do not change the check digit', () => {
    expect(createReferenceNumber('000123')).toEqual({ valid: true, value: '1232' });
  });

  it.each([
    ['', 'the base must not be empty'],
    ['12a', 'the base must contain only digits'],
    ['12 3', 'the base must contain only digits'],
    ['12', 'the base must be 3–19 digits, not counting leading zeros'],
    ['0012', 'the base must be 3–19 digits, not counting leading zeros'],
    ['12345678901234567890', 'the base must be 3–19 digits, not counting leading zeros'],
  ])('refuses the base %j: %s', (base, reason) => {
    expect(createReferenceNumber(base)).toEqual({ valid: false, reason });
  });
});

describe('validateReferenceNumber', () => {
  it.each([
    ['1232'],
    // Finance Finland's paper and machine-readable forms of the same reference (via XMLdation).
    ['12 34561'],
    ['00000000000001234561'],
    ['1 23456 71234 56784'],
    // Grouped from the left, which Finance Finland's guide also allows.
    ['12345 67123 45678 4'],
    ['12345678901234567894'],
    ['5050'],
    // Odoo's account tests (test_structured_reference_fi): 2023000098, also with zeros in front to 20 digits.
    ['2023000098'],
    ['00000000002023000098'],
    // django jutil tests (test_reference_number_validators): valid Finnish references.
    ['302300'],
    ['202196'],
    ['302290'],
  ])('accepts %j', (reference) => {
    expect(validateReferenceNumber(reference)).toEqual({ valid: true });
  });

  it.each([
    ['', 'must not be empty'],
    ['1233', 'the check digit should be 2'],
    ['1234560', 'the check digit should be 1'],
    // Odoo's account tests: 2023000095 has an invalid checksum; 21 digits with leading zeros is too long.
    ['2023000095', 'the check digit should be 8'],
    ['000000000002023000098', 'must be 4–20 digits'],
    // Odoo accepts "2023 0000 98", but Finance Finland prints in groups of five, so we do not.
    ['2023 0000 98', 'spaces may only separate groups of five digits'],
    // django jutil tests: invalid Finnish references.
    ['302301', 'the check digit should be 0'],
    ['202195', 'the check digit should be 6'],
    ['302291', 'the check digit should be 0'],
    ['12345 60', 'the check digit should be 1'],
    ['123', 'must be 4–20 digits, not counting leading zeros'],
    ['0123', 'must be 4–20 digits, not counting leading zeros'],
    ['123456789012345678945', 'must be 4–20 digits'],
    ['000000000000001234561', 'must be 4–20 digits'],
    ['12a2', 'must contain only digits, optionally spaced in groups of five'],
    ['RF111232', 'must contain only digits, optionally spaced in groups of five'],
    ['123-2', 'must contain only digits, optionally spaced in groups of five'],
    ['1 232', 'spaces may only separate groups of five digits'],
    ['12  34561', 'spaces may only separate groups of five digits'],
    ['123 4567 1234 5678 4', 'spaces may only separate groups of five digits'],
  ])('refuses %j: %s', (reference, reason) => {
    expect(validateReferenceNumber(reference)).toEqual({ valid: false, reason });
  });
});

describe('formatReferenceNumber', () => {
  it('prints groups of five counted from the right, without leading zeros', () => {
    expect(formatReferenceNumber('1234561')).toEqual({ valid: true, value: '12 34561' });
    expect(formatReferenceNumber('00000000000001234561')).toEqual({ valid: true, value: '12 34561' });
    expect(formatReferenceNumber('1234567123456784')).toEqual({ valid: true, value: '1 23456 71234 56784' });
    expect(formatReferenceNumber('12345 67123 45678 4')).toEqual({ valid: true, value: '1 23456 71234 56784' });
    expect(formatReferenceNumber('12328')).toEqual({ valid: true, value: '12328' });
    expect(formatReferenceNumber('1232')).toEqual({ valid: true, value: '1232' });
  });

  it('gives the reason for a bad reference', () => {
    expect(formatReferenceNumber('1233')).toEqual({ valid: false, reason: 'the check digit should be 2' });
  });
});

describe('compactReferenceNumber', () => {
  it('removes spaces and leading zeros', () => {
    expect(compactReferenceNumber(' 12 34561 ')).toEqual({ valid: true, value: '1234561' });
    expect(compactReferenceNumber('00000000000001234561')).toEqual({ valid: true, value: '1234561' });
  });
});
