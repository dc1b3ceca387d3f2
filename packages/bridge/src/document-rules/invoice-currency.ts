// Which currency codes an invoice may be in: the contract's list less the codes that are no money to invoice in.
import { contractSchemas } from '@procountor-bridge/client/generated';
import type { ErrorDetail } from '../errors/bridge-error';

const CONTRACT_CURRENCIES: readonly string[] = (
  contractSchemas.PaymentInfo as { properties: { currency: { enum: string[] } } }
).properties.currency.enum;

/**
 * Codes in the contract's PaymentInfo.currency enum that nobody invoices in, refused at submit:
 * - ISO 4217 codes that are not a currency: precious metals (XAU, XAG, XPD, XPT), bond-market units (XBA–XBD), the
 *   IMF's XDR, the SUCRE (XSU), the ADB unit (XUA), the testing code XTS and XXX, "no currency";
 * - currencies ISO 4217 lists as withdrawn (its list three): the euro area's old currencies (ATS, BEF, CYP, DEM, EEK,
 *   ESP, FIM, FRF, GRD, HRK, IEP, ITL, LTL, LUF, LVL, MTL, NLG, PTE, SIT, SKK), MRO (now MRU), CUC;
 * - codes that are not in ISO 4217 at all: CNH, CNT, GGP, IMP, JEP, KID, NIS, NTD, PRB, RMB, SLS, TVD, ZWB.
 */
// biome-ignore format: three groups of codes read better as three lines each
const NOT_FOR_INVOICING: ReadonlySet<string> = new Set([
  'XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX',
  'ATS', 'BEF', 'CYP', 'DEM', 'EEK', 'ESP', 'FIM', 'FRF', 'GRD', 'HRK', 'IEP', 'ITL', 'LTL', 'LUF', 'LVL', 'MTL',
  'NLG', 'PTE', 'SIT', 'SKK', 'MRO', 'CUC',
  'CNH', 'CNT', 'GGP', 'IMP', 'JEP', 'KID', 'NIS', 'NTD', 'PRB', 'RMB', 'SLS', 'TVD', 'ZWB',
]);

/** The ISO 4217 currencies an invoice may be in: in the contract's list and a currency in circulation. */
export const INVOICE_CURRENCIES: ReadonlySet<string> = new Set(
  CONTRACT_CURRENCIES.filter((code) => !NOT_FOR_INVOICING.has(code)),
);

/** The problem with a currency code, or undefined when an invoice may be in it. */
export function currencyProblem(path: string, currency: string): ErrorDetail | undefined {
  if (INVOICE_CURRENCIES.has(currency)) return undefined;
  const why = NOT_FOR_INVOICING.has(currency)
    ? 'is not a currency in circulation (ISO 4217: a metal, a unit, a test code or a withdrawn currency)'
    : 'is not an ISO 4217 currency Procountor accepts (the contract, PaymentInfo.currency)';
  return {
    path,
    rule: 'procountor_currency',
    message: `'${currency}' ${why}; use a current code such as EUR, SEK or USD`,
  };
}
