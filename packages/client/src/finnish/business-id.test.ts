// Business ID and VAT number rules checked against published IDs, valid and invalid.
import { describe, expect, it } from 'vitest';
import {
  businessIdFromFinnishVatNumber,
  createBusinessId,
  formatBusinessId,
  toFinnishVatNumber,
  validateBusinessId,
  validateFinnishVatNumber,
} from './business-id';

// Every expected check digit below was recomputed with python3 (weights 7,9,10,5,8,4,2; sum mod 11) before use.
describe('validateBusinessId', () => {
  it.each([
    // python-stdnum stdnum/fi/ytunnus.py doctest: validate('2077474-0') passes (weighted sum 187, remainder 0 → 0).
    ['2077474-0'],
    // Perl Algorithm::CheckDigits::M11_007 synopsis: is_valid('13669598') (sum 234, remainder 3 → 8).
    ['1366959-8'],
    // Oracle Fusion tax registration docs, "Finland FI VAT" good examples FI06400216 and FI23760475.
    ['0640021-6'],
    ['2376047-5'],
    // PEAR Validate_FI::vatNumber example FI15728600 (sum 220, remainder 0 → 0).
    ['1572860-0'],
    // Nokia Oyj: the simpleprh R package's example bis_dl("0112038-9") for PRH open data (sum 57, remainder 2 → 9).
    ['0112038-9'],
  ])('accepts the published business ID %s', (businessId) => {
    expect(validateBusinessId(businessId)).toEqual({ valid: true });
  });

  it('accepts the ID without its hyphen and with surrounding spaces, as Procountor does', () => {
    expect(validateBusinessId('20774740')).toEqual({ valid: true });
    expect(validateBusinessId('  2077474-0 ')).toEqual({ valid: true });
  });

  it('names the expected check digit when it is wrong', () => {
    // The brief's example: 1234567 weighs 153, remainder 10, so the check digit is 1.
    expect(validateBusinessId('1234567-8')).toEqual({ valid: false, reason: 'the check digit should be 1' });
    // python-stdnum doctest: validate('2077474-1') raises InvalidChecksum.
    expect(validateBusinessId('2077474-1')).toEqual({ valid: false, reason: 'the check digit should be 0' });
  });

  it('refuses seven digits whose weighted sum leaves remainder 1, for which no ID is issued', () => {
    // 1000008: 7 + 8·2 = 23, 23 mod 11 = 1 (computed with python3).
    const result = validateBusinessId('1000008-5');
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toContain('remainder 1');
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    // The old six-digit form is not padded: no Tax Administration source documents it.
    ['112038-9', 'must be 7 digits, a hyphen and a check digit, like 1234567-8'],
    ['12345678-9', 'must be 7 digits, a hyphen and a check digit, like 1234567-8'],
    ['123456A-8', 'must be 7 digits, a hyphen and a check digit, like 1234567-8'],
    ['2077474 0', 'must be 7 digits, a hyphen and a check digit, like 1234567-8'],
    ['FI20774740', 'must be 7 digits, a hyphen and a check digit, like 1234567-8'],
  ])('refuses %j: %s', (input, reason) => {
    expect(validateBusinessId(input)).toEqual({ valid: false, reason });
  });
});

describe('formatBusinessId', () => {
  it('adds the hyphen and trims', () => {
    expect(formatBusinessId(' 20774740')).toEqual({ valid: true, value: '2077474-0' });
    expect(formatBusinessId('0112038-9')).toEqual({ valid: true, value: '0112038-9' });
  });

  it('gives the reason instead of a value for a bad ID', () => {
    expect(formatBusinessId('1234567-8')).toEqual({ valid: false, reason: 'the check digit should be 1' });
  });
});

describe('Finnish VAT number', () => {
  it('is FI and the business ID without its hyphen', () => {
    // GOBL Finland regime docs (docs.gobl.org/regimes/fi.md): "formed by prefixing FI and removing the hyphen".
    expect(toFinnishVatNumber('2077474-0')).toEqual({ valid: true, value: 'FI20774740' });
    expect(toFinnishVatNumber('0640021-6')).toEqual({ valid: true, value: 'FI06400216' });
  });

  it('converts back to the business ID, ignoring case and spaces', () => {
    // python-stdnum stdnum/fi/alv.py doctest: is_valid('FI 20774740') is True.
    expect(businessIdFromFinnishVatNumber('FI 20774740')).toEqual({ valid: true, value: '2077474-0' });
    expect(businessIdFromFinnishVatNumber('fi23760475')).toEqual({ valid: true, value: '2376047-5' });
  });

  it('refuses a VAT number with a wrong check digit, a wrong prefix or length', () => {
    // python-stdnum doctest: is_valid('FI 20774741') is False.
    expect(validateFinnishVatNumber('FI 20774741')).toEqual({ valid: false, reason: 'the check digit should be 0' });
    // Oracle Fusion docs bad examples: FB12345671 (country code), FI1234567 (too short), FI123456711 (too long).
    expect(validateFinnishVatNumber('FB12345671')).toEqual({ valid: false, reason: 'must start with FI' });
    expect(validateFinnishVatNumber('FI1234567')).toEqual({
      valid: false,
      reason: 'must be FI followed by 8 digits, like FI12345678',
    });
    expect(validateFinnishVatNumber('FI123456711')).toEqual({
      valid: false,
      reason: 'must be FI followed by 8 digits, like FI12345678',
    });
    expect(validateFinnishVatNumber('12345671')).toEqual({ valid: false, reason: 'must start with FI' });
    expect(validateFinnishVatNumber('')).toEqual({ valid: false, reason: 'must not be empty' });
  });

  it('passes the business ID reason through when converting a bad ID', () => {
    expect(toFinnishVatNumber('1234567-8')).toEqual({ valid: false, reason: 'the check digit should be 1' });
  });
});

describe('createBusinessId', () => {
  it('appends the check digit, and refuses digits that have none', () => {
    expect(createBusinessId('0737546')).toEqual({ valid: true, value: '0737546-2' });
    expect(createBusinessId('123456')).toMatchObject({ valid: false });
  });
});
