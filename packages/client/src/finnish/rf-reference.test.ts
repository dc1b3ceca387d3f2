// RF creditor reference rules checked against ISO 11649 and other published examples.
import { describe, expect, it } from 'vitest';
import { mod97 } from './mod-97';
import {
  createRfReference,
  formatRfReference,
  toFinnishReferenceNumber,
  toRfReference,
  validateRfReference,
} from './rf-reference';

// Every vector below was checked with python3 (letters A = 10 … Z = 35; "RFcc" moved to the end; mod 97 = 1).
const PUBLISHED = [
  // The ISO 11649 example, used by e.g. Swiss QR-bill tests and Odoo's account tests (test_structured_reference_iso).
  ['539007547034', 'RF18539007547034'],
  // mobilefish.com creditor reference tool, "How to validate the check digits", examples 1 and 2.
  ['G72UUR', 'RF45G72UUR'],
  ['18K5', 'RF6518K5'],
  // XMLdation "RFCreditorReference" example usage: <Ref>RF712348231</Ref>.
  ['2348231', 'RF712348231'],
  // Maric Services' ISO creditor reference validator page: <Ref>RF2012345678</Ref>.
  ['12345678', 'RF2012345678'],
  // mobilefish.com: "Example: RF 48 5000056789012345".
  ['5000056789012345', 'RF485000056789012345'],
  // django jutil tests (test_reference_number_validators): valid ISO references RF92 1229 and RF48 1245.
  ['1229', 'RF921229'],
  ['1245', 'RF481245'],
] as const;

describe('createRfReference', () => {
  it.each(PUBLISHED)('creates from base %s the reference %s', (base, reference) => {
    expect(createRfReference(base)).toEqual({ valid: true, value: reference });
  });

  it('upper-cases letters and ignores spaces in the base', () => {
    expect(createRfReference('g72 uur')).toEqual({ valid: true, value: 'RF45G72UUR' });
  });

  it.each([
    ['', 'the base must not be empty'],
    ['ABC-123', 'the base must contain only letters A–Z and digits'],
    ['ÄÖ1', 'the base must contain only letters A–Z and digits'],
    ['1234567890123456789012', 'the base must be at most 21 characters'],
  ])('refuses the base %j: %s', (base, reason) => {
    expect(createRfReference(base)).toEqual({ valid: false, reason });
  });
});

describe('validateRfReference', () => {
  it.each(PUBLISHED)('accepts the reference made from %s: %s', (_base, reference) => {
    expect(validateRfReference(reference)).toEqual({ valid: true });
    // The rule as ISO 11649 states it: rearranged, the number leaves remainder 1 when divided by 97.
    expect(mod97(`${reference.slice(4)}${reference.slice(0, 4)}`)).toBe(1);
  });

  it('accepts the print form, lower case and the longest body', () => {
    expect(validateRfReference('RF18 5390 0754 7034')).toEqual({ valid: true });
    expect(validateRfReference('rf45g72uur')).toEqual({ valid: true });
    // Leading zeros in the body do not change the check digits (Odoo's account tests: RF18000000000539007547034).
    expect(validateRfReference('RF18000000000539007547034')).toEqual({ valid: true });
  });

  it.each([
    ['', 'must not be empty'],
    ['RF19539007547034', 'the check digits should be 18'],
    // Odoo's account tests: RF17539007547034 has an invalid checksum, 18539007547034RF an invalid structure.
    ['RF17539007547034', 'the check digits should be 18'],
    ['RF18539007547035', 'the check digits should be 88'],
    ['18539007547034RF', 'must start with RF'],
    ['AB18539007547034', 'must start with RF'],
    ['RFX8539007547034', 'must have two check digits after RF'],
    ['RF18', 'must have 1–21 letters or digits after RF and the check digits'],
    ['RF180000000000539007547034', 'must have 1–21 letters or digits after RF and the check digits'],
    ['RF18-5390-0754-7034', 'must contain only letters A–Z and digits after RF'],
  ])('refuses %j: %s', (reference, reason) => {
    expect(validateRfReference(reference)).toEqual({ valid: false, reason });
  });

  it('refuses the check digits 01, an alias of 98 that leaves remainder 1 but is never issued', () => {
    // Body 1024 has check digits 98; 01 = 98 − 97 also leaves remainder 1 (both computed with python3).
    expect(createRfReference('1024')).toEqual({ valid: true, value: 'RF981024' });
    expect(mod97('1024RF01')).toBe(1);
    expect(validateRfReference('RF011024')).toEqual({ valid: false, reason: 'the check digits should be 98' });
  });
});

describe('formatRfReference', () => {
  it('prints groups of four from the left, upper-case', () => {
    expect(formatRfReference('RF18539007547034')).toEqual({ valid: true, value: 'RF18 5390 0754 7034' });
    expect(formatRfReference('rf712348231')).toEqual({ valid: true, value: 'RF71 2348 231' });
    expect(formatRfReference('RF45G72UUR')).toEqual({ valid: true, value: 'RF45 G72U UR' });
  });

  it('gives the reason for a bad reference', () => {
    expect(formatRfReference('RF19539007547034')).toEqual({ valid: false, reason: 'the check digits should be 18' });
  });
});

describe('Finnish reference ⇄ RF', () => {
  it('puts RF and check digits in front of the Finnish reference', () => {
    // Paytrail E2 interface docs: "Finnish reference number in international RF format (e.g. 1232 or RF111232)".
    expect(toRfReference('1232')).toEqual({ valid: true, value: 'RF111232' });
    // django jutil tests list RF48 1245 as a valid ISO reference (1245 = base 124 + check digit 5).
    expect(toRfReference('1245')).toEqual({ valid: true, value: 'RF481245' });
    expect(toRfReference('00000000000001234561')).toEqual({ valid: true, value: 'RF341234561' });
    expect(toRfReference('12 34561')).toEqual({ valid: true, value: 'RF341234561' });
  });

  it('refuses to convert a Finnish reference with a wrong check digit', () => {
    expect(toRfReference('1233')).toEqual({ valid: false, reason: 'the check digit should be 2' });
  });

  it('takes the Finnish reference back out of an RF reference', () => {
    expect(toFinnishReferenceNumber('RF11 1232')).toEqual({ valid: true, value: '1232' });
    expect(toFinnishReferenceNumber('RF341234561')).toEqual({ valid: true, value: '1234561' });
  });

  it('says why an RF reference holds no Finnish reference', () => {
    expect(toFinnishReferenceNumber('RF45G72UUR')).toEqual({
      valid: false,
      reason:
        'does not hold a Finnish reference number after RF and the check digits (must contain only digits, optionally spaced in groups of five)',
    });
    // RF2012345678 is a valid RF reference, but 1234567 is not followed by its 7-3-1 check digit 2.
    expect(toFinnishReferenceNumber('RF2012345678')).toEqual({
      valid: false,
      reason: 'does not hold a Finnish reference number after RF and the check digits (the check digit should be 2)',
    });
    expect(toFinnishReferenceNumber('RF19539007547034')).toEqual({
      valid: false,
      reason: 'the check digits should be 18',
    });
  });
});
