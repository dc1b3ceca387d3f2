// The Procountor registers the bridge keeps a copy of per connection, and how each one is synced.

export const REGISTERS = [
  'business_partners',
  'partner_groups',
  'products',
  'product_groups',
  'dimension_items',
  'ledger_accounts',
  'vat_percentages',
  'persons',
  'company',
  'currencies',
  'fiscal_years',
] as const;

export type RegisterName = (typeof REGISTERS)[number];

export const REGISTER_DESCRIPTIONS: Record<RegisterName, string> = {
  business_partners:
    'Customers, suppliers and persons (GET /businesspartners). Incremental by versionStartDate, active and inactive.',
  partner_groups: 'Business partner groups (GET /businesspartners/groups). Always read whole.',
  products:
    'Sales, purchase and travel products (GET /products). Incremental by versionStartDate; code is the product code.',
  product_groups: 'Product groups (GET /products/groups). Always read whole.',
  dimension_items:
    'Every item of every dimension (GET /dimensions, one call); code is the item code name, data.dimensionName its dimension.',
  ledger_accounts: 'The chart of accounts (GET /coa); code is the account code. Sales accounts are checked against it.',
  vat_percentages: 'VAT percentages in use (GET /vats/default) with their statuses; code is the percentage.',
  persons:
    'The person register with personal identity codes (GET /persons, includeInactive). No version filter in the contract: always read whole.',
  company:
    'Company info (GET /company), its bank accounts (GET /bankaccounts), e-invoice addresses and VAT settings: one record each.',
  currencies: 'Currencies (GET /currencies); code is the ISO code.',
  fiscal_years: 'Fiscal years with their tracking periods and whether they are open (GET /fiscalyears).',
};

/** Registers whose contract offers `versionStartDate`: only these sync incrementally (FACTS.md "Incremental sync"). */
export const INCREMENTAL_REGISTERS: ReadonlySet<RegisterName> = new Set(['business_partners', 'products']);

export function isRegisterName(value: string): value is RegisterName {
  return (REGISTERS as readonly string[]).includes(value);
}

/** API path segments use hyphens ("business-partners"); storage uses the underscore names. */
export function registerFromPathSegment(segment: string): RegisterName | undefined {
  const name = segment.replace(/-/g, '_');
  return isRegisterName(name) ? name : undefined;
}

export function registerPathSegment(register: RegisterName): string {
  return register.replace(/_/g, '-');
}
