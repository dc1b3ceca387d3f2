// IBAN rules checked against the ECBS and SWIFT registry examples, valid and invalid.
import { describe, expect, it } from 'vitest';
import { createFinnishIban, formatIban, normaliseIban, validateIban } from './iban';

// Every IBAN below was checked with python3 (first four characters moved to the end, letters A = 10 … Z = 35,
// mod 97 = 1) and its length against the SWIFT IBAN registry.
describe('validateIban', () => {
  it.each([
    // ECBS IBAN page for Finland: "FI2112345600000785 or FI5542345670000081", print form "FI21 1234 5600 0007 85";
    // Nordea's IBAN page shows the same account (123456-785).
    ['FI2112345600000785'],
    ['FI5542345670000081'],
    ['FI21 1234 5600 0007 85'],
    // SWIFT IBAN registry examples for the United Kingdom and Germany.
    ['GB82 WEST 1234 5698 7654 32'],
    ['DE89 3704 0044 0532 0130 00'],
    // SWIFT IBAN registry examples: Norway (shortest, 15), Belgium, France (letters in the BBAN), Switzerland, Sweden,
    // the Netherlands, Malta (31) and Estonia.
    ['NO9386011117947'],
    ['BE68539007547034'],
    ['FR1420041010050500013M02606'],
    ['CH9300762011623852957'],
    ['SE4550000000058398257466'],
    ['NL91ABNA0417164300'],
    ['MT84MALT011000012345MTLCAST001S'],
    ['EE382200221020145685'],
  ])('accepts %s', (iban) => {
    expect(validateIban(iban)).toEqual({ valid: true });
  });

  it('accepts lower case and any whitespace', () => {
    expect(validateIban(' fi21 1234\t5600 0007 85 ')).toEqual({ valid: true });
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    // The ECBS Finnish example with its last digit changed.
    ['FI2112345600000786', 'the check digits should be 91'],
    ['FI3112345600000785', 'the check digits should be 21'],
    ['GB83WEST12345698765432', 'the check digits should be 82'],
    ['FI211234560000078', 'a FI IBAN must be 18 characters, not 17'],
    ['FI21123456000007855', 'a FI IBAN must be 18 characters, not 19'],
    ['DE8937040044053201300', 'a DE IBAN must be 22 characters, not 21'],
    ['XX2112345600000785', 'XX is not a country in the SWIFT IBAN registry'],
    ['US2112345600000785', 'US is not a country in the SWIFT IBAN registry'],
    ['2112345600000785', 'must start with a two-letter country code'],
    ['FIXX12345600000785', 'must have two check digits after the country code'],
    ['FI21-1234-5600-0007-85', 'must contain only letters and digits'],
    ['FI21123456000007Ä5', 'must contain only letters and digits'],
  ])('refuses %j: %s', (iban, reason) => {
    expect(validateIban(iban)).toEqual({ valid: false, reason });
  });

  it('refuses the check digits 01, an alias of 98 that leaves remainder 1 but is never issued', () => {
    // BBAN 12345600100085 has check digits 98; FI01… also leaves remainder 1 (both computed with python3).
    expect(validateIban('FI9812345600100085')).toEqual({ valid: true });
    expect(validateIban('FI0112345600100085')).toEqual({ valid: false, reason: 'the check digits should be 98' });
  });
});

describe('normaliseIban', () => {
  it('strips whitespace and upper-cases without validating', () => {
    expect(normaliseIban(' fi21 1234 5600 0007 85\n')).toBe('FI2112345600000785');
    expect(normaliseIban('not an iban')).toBe('NOTANIBAN');
  });
});

describe('formatIban', () => {
  it('prints groups of four from the left, as the registry print format does', () => {
    expect(formatIban('FI2112345600000785')).toEqual({ valid: true, value: 'FI21 1234 5600 0007 85' });
    expect(formatIban('gb82west12345698765432')).toEqual({ valid: true, value: 'GB82 WEST 1234 5698 7654 32' });
    expect(formatIban('DE89370400440532013000')).toEqual({ valid: true, value: 'DE89 3704 0044 0532 0130 00' });
  });

  it('gives the reason for a bad IBAN', () => {
    expect(formatIban('FI2112345600000786')).toEqual({ valid: false, reason: 'the check digits should be 91' });
  });
});

describe('createFinnishIban', () => {
  // FI21 1234 5600 0007 85: the ECBS/SWIFT registry's Finnish example.
  it('computes the check digits of the registry example', () => {
    expect(createFinnishIban('12345600000785')).toEqual({ valid: true, value: 'FI2112345600000785' });
  });
});
