// VAT numbers by country (jsvat's formats and check digits) and a Finnish number's tie to its business ID.
import { describe, expect, it } from 'vitest';
import { vatNumberProblems } from './vat-number';

const rulesOf = (vatNumber: string, businessId?: string) =>
  vatNumberProblems('customer.vatNumber', vatNumber, businessId).map((problem) => problem.rule);

describe('vatNumberProblems', () => {
  it('accepts valid numbers of several countries, with spaces', () => {
    // Oracle's "Finland FI VAT" examples; DE and SE numbers from jsvat's test data.
    for (const vatNumber of [
      'FI06400216',
      'FI 2376 0475',
      'DE136695976',
      'SE556188840401',
      'EL094014201',
      'GB980780684',
      'XI980780684',
    ]) {
      expect(rulesOf(vatNumber)).toEqual([]);
    }
  });

  it('refuses an unknown country prefix, a wrong length and a wrong check digit', () => {
    expect(rulesOf('XX')).toEqual(['vat_number_country']);
    expect(rulesOf('US123456789')).toEqual(['vat_number_country']);
    expect(rulesOf('FI12')).toEqual(['vat_number']);
    expect(rulesOf('FI06400217')).toEqual(['vat_number']);
  });

  it('refuses a Finnish VAT number of another business ID, with or without its hyphen', () => {
    expect(rulesOf('FI06400216', '0640021-6')).toEqual([]);
    expect(rulesOf('FI06400216', '06400216')).toEqual([]);
    expect(rulesOf('FI06400216', '2376047-5')).toEqual(['vat_number_business_id']);
  });
});
