// IBAN (ISO 13616): normalise, validate country length and MOD 97-10 check digits, print in groups of four.
import { mod97CheckDigits } from './mod-97';
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

// IBAN length per country code, from the SWIFT IBAN Registry (ISO 13616 registration authority) as transcribed in
// python-stdnum's stdnum/iban.dat ("generated from iban-registry_1.txt, downloaded from swift.com"): 4 + the BBAN
// length. Covers every SEPA country and the rest of the registry. Territories that share a country's format use its
// code (Åland IBANs start with FI, per the ECBS Finland page: "Also includes Aland Islands"). Only the length is
// checked per country, not the BBAN's letter/digit structure.
// biome-ignore format: a table reads better as a block than one country per line
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Removes all whitespace and upper-cases: `fi21 1234 5600 0007 85` → `FI2112345600000785`. Does not validate. */
export function normaliseIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Checks an IBAN and returns it normalised. */
function checkIban(input: string): ValueResult<string> {
  const iban = normaliseIban(input);
  if (iban === '') return invalid('must not be empty');
  if (!/^[A-Z]{2}/.test(iban)) return invalid('must start with a two-letter country code');
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return invalid(`${country} is not a country in the SWIFT IBAN registry`);
  if (!/^[A-Z0-9]+$/.test(iban)) return invalid('must contain only letters and digits');
  if (!/^[A-Z]{2}\d{2}/.test(iban)) return invalid('must have two check digits after the country code');
  if (iban.length !== length) return invalid(`a ${country} IBAN must be ${length} characters, not ${iban.length}`);
  // Comparing with the computed digits (rather than only testing remainder 1) also refuses the aliases 00, 01 and 99,
  // which ISO 13616 never issues: computed check digits are always 02–98.
  const expected = mod97CheckDigits(iban.slice(4), country);
  if (iban.slice(2, 4) !== expected) return invalid(`the check digits should be ${expected}`);
  return { valid: true, value: iban };
}

/**
 * Validates an IBAN: a country code from the SWIFT IBAN registry, that country's length (a Finnish IBAN is 18
 * characters) and the ISO 7064 MOD 97-10 check digits. Spaces and lower-case letters are accepted.
 */
export function validateIban(input: string): ValidationResult {
  const result = checkIban(input);
  return result.valid ? { valid: true } : result;
}

/** Formats an IBAN for print: upper-case, groups of four from the left (`FI21 1234 5600 0007 85`). */
export function formatIban(input: string): ValueResult<string> {
  const result = checkIban(input);
  if (!result.valid) return result;
  return { valid: true, value: result.value.replace(/(.{4})(?=.)/g, '$1 ') };
}

/** A Finnish IBAN for a 14-digit BBAN in machine form (test and demo data): the check digits computed by mod 97. */
export function createFinnishIban(bban14: string): ValueResult<string> {
  if (!/^\d{14}$/.test(bban14)) return invalid('a Finnish BBAN must be 14 digits');
  return { valid: true, value: `FI${mod97CheckDigits(bban14, 'FI')}${bban14}` };
}
