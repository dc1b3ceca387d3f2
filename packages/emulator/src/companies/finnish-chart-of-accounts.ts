// A Finnish chart of accounts (tililuettelo) for new companies: what GET /coa answers and invoices book against.
import type { LedgerAccount } from '../state/contract-types';

/** Well-known accounts other domains refer to (sales invoices book receivables on 1700, purchases payables on 2870). */
export const ACCOUNTS = {
  bank: '1910',
  receivables: '1700',
  inputVat: '1763',
  payables: '2870',
  outputVat: '2937',
  vatPayable: '2939',
  sales255: '3000',
  purchases255: '4000',
} as const;

// [code, Finnish name, English translation]. Assumption: a trimmed version of a typical Finnish limited company's
// chart; the contract only says GET /coa returns the environment's chart (README "Assumptions").
const ROWS: Array<[string, string, string]> = [
  ['1700', 'Myyntisaamiset', 'Trade receivables'],
  ['1763', 'Arvonlisäverosaamiset', 'VAT receivables'],
  ['1910', 'Pankkitili', 'Bank account'],
  ['2000', 'Osakepääoma', 'Share capital'],
  ['2870', 'Ostovelat', 'Trade payables'],
  ['2937', 'Myynnin arvonlisävero', 'Output VAT'],
  ['2938', 'Ostojen arvonlisävero', 'Input VAT'],
  ['2939', 'Arvonlisäverovelka', 'VAT payable'],
  ['3000', 'Myynti 25,5 %', 'Sales 25.5 %'],
  ['3010', 'Myynti 14 %', 'Sales 14 %'],
  ['3020', 'Myynti 10 %', 'Sales 10 %'],
  ['3030', 'Myynti 0 %', 'Sales 0 %'],
  ['3040', 'Myynti 24 %', 'Sales 24 %'],
  ['3300', 'Tavaramyynti EU', 'Sales of goods, EU'],
  ['3310', 'Palvelumyynti EU', 'Sales of services, EU'],
  ['3400', 'Myynti EU:n ulkopuolelle', 'Sales outside the EU'],
  ['3500', 'Rakentamispalvelujen myynti', 'Construction services sales, reverse charge'],
  ['4000', 'Ostot 25,5 %', 'Purchases 25.5 %'],
  ['4010', 'Ostot 14 %', 'Purchases 14 %'],
  ['4020', 'Ostot 10 %', 'Purchases 10 %'],
  ['4300', 'Tavaraostot EU', 'Purchases of goods, EU'],
  ['4310', 'Palveluostot EU', 'Purchases of services, EU'],
  ['4450', 'Ulkopuoliset palvelut', 'External services'],
  ['5000', 'Palkat', 'Salaries'],
  ['7000', 'Toimitilavuokrat', 'Premises rent'],
  ['7300', 'Matkakulut', 'Travel expenses'],
  ['7600', 'Puhelin- ja tietoliikennekulut', 'Telecommunication expenses'],
  ['7680', 'Ohjelmistot ja lisenssit', 'Software and licences'],
  ['7700', 'Toimistotarvikkeet', 'Office supplies'],
  ['7900', 'Muut liikekulut', 'Other operating expenses'],
  ['8500', 'Pankkikulut', 'Bank charges'],
  ['9000', 'Korkotuotot', 'Interest income'],
];

export function finnishChartOfAccounts(): LedgerAccount[] {
  return ROWS.map(([ledgerAccountCode, name, english]) => ({
    ledgerAccountCode,
    name,
    active: true,
    translations: [{ languageCode: 'en', translation: english }],
  }));
}

/** FACTS.md "Errors": a VAT percentage the ledger account does not take. */
export const ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION = 'ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION';

/**
 * Accounts of the chart that take no VAT: the balance-sheet accounts without VAT handling (receivables, VAT, bank,
 * equity, payables). Assumption (README "Assumptions"): a non-zero VAT percentage on one of them is where Procountor
 * answers ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION; every income, cost and sales account takes any rate in force
 * (also the rate-named and 0 % ones: an account's VAT in Procountor is a default, not a rule).
 */
const ZERO_VAT_ACCOUNTS = new Set(['1700', '1763', '1910', '2000', '2870', '2937', '2938', '2939']);

/** ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION when `account` takes no VAT and `vatPercent` is not 0, else null. */
export function ledgerAccountVatProblem(account: string | undefined, vatPercent: number | undefined): string | null {
  if (account === undefined || !vatPercent) return null;
  return ZERO_VAT_ACCOUNTS.has(account) ? ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION : null;
}
