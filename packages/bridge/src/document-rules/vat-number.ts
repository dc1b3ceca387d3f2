// VAT numbers by country: the country prefix, that country's format and check digits (jsvat), and for a Finnish number
// its tie to the business ID.
import { businessIdFromFinnishVatNumber, formatBusinessId } from '@procountor-bridge/client/finnish';
import { checkVAT, countries } from 'jsvat';
import type { ErrorDetail } from '../errors/bridge-error';

/**
 * Problems with a customer's VAT number: jsvat checks each country's format and check digits (the EU member states
 * with Greece as EL, Norway, Switzerland, the United Kingdom with Northern Ireland's XI, and a few more); a number whose prefix is no such country
 * is refused. A Finnish VAT number is FI and the business ID's 8 digits (Finnish Tax Administration), so with a
 * business ID given the two must agree.
 */
export function vatNumberProblems(path: string, vatNumber: string, businessId?: string): ErrorDetail[] {
  const compact = vatNumber.replace(/[\s.-]/g, '').toUpperCase();
  // Northern Ireland's XI numbers (a Procountor identifier type) are United Kingdom numbers under another prefix
  // (HMRC), which jsvat checks as GB.
  const result = checkVAT(compact.startsWith('XI') ? `GB${compact.slice(2)}` : compact, countries);
  if (!result.isSupportedCountry) {
    return [
      {
        path,
        rule: 'vat_number_country',
        message: `'${vatNumber}' does not start with the code of a country with VAT numbers (e.g. FI, SE, DE, EL for Greece)`,
      },
    ];
  }
  if (!result.isValid) {
    const country = result.country?.name ?? compact.slice(0, 2);
    return [
      {
        path,
        rule: 'vat_number',
        message: `'${vatNumber}' is not a valid ${country} VAT number (${result.isValidFormat ? 'its check digits are wrong' : 'wrong length or characters'})`,
      },
    ];
  }
  if (compact.startsWith('FI') && businessId) {
    const fromVat = businessIdFromFinnishVatNumber(compact);
    const given = formatBusinessId(businessId);
    if (fromVat.valid && given.valid && fromVat.value !== given.value) {
      return [
        {
          path,
          rule: 'vat_number_business_id',
          message: `'${vatNumber}' belongs to business ID ${fromVat.value}, not ${given.value}: a Finnish VAT number is FI and the business ID's digits`,
        },
      ];
    }
  }
  return [];
}
