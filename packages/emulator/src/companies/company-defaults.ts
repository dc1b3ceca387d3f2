// What a new Procountor company starts with: address, bank account, fiscal years, currencies and usage settings.

import { createFinnishIban } from '@procountor-bridge/client/finnish';
import { calendarFiscalYear } from '../registers/fiscal-periods';
import type { BankAccount, Company, CompanyUsageSettings, FiscalYear } from '../state/contract-types';
import { finnishBic } from './finnish-bic';
import { ACCOUNTS } from './finnish-chart-of-accounts';

export function defaultCompanyInfo(companyId: number, name: string, businessId: string): Company {
  return {
    id: companyId,
    name,
    country: 'FINLAND',
    productVersion: 'BACKOFFICE_PLUS',
    operationType: 'PRODUCTION',
    companyAddress: { street: 'Mannerheimintie 12', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    billingAddress: { street: 'Mannerheimintie 12', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    mva: false,
    inTradeRegister: true,
    businessIdentifier: { brnType: 'FI', code: businessId },
    accountingCoaLanguages: ['fi', 'en', 'sv'],
    companyCurrency: 'EUR',
    currencyRateSearchDensity: 'DAILY_EXCHANGE_RATE',
  };
}

/** One active EUR account, default for invoices and payments; the IBAN is derived from the company id so it is stable. */
export function defaultBankAccount(companyId: number, bankAccountId: number, nowIso: string): BankAccount {
  const created = createFinnishIban(`1234${String(companyId).padStart(10, '0')}`);
  if (!created.valid) throw new Error(`default bank account: ${created.reason}`);
  const iban = created.value;
  return {
    id: bankAccountId,
    accountNumber: iban.slice(4),
    iban,
    bic: finnishBic(iban),
    bankName: 'Nordea',
    currency: 'EUR',
    defaultForInvoice: true,
    defaultForPayment: true,
    status: 'ACTIVE',
    orderNo: 1,
    version: nowIso,
    ledgerAccount: ACCOUNTS.bank,
    showAccountOnInvoice: true,
    allowPayments: true,
    allowForeignPayments: false,
    allowSalaryPayments: true,
    allowExpressPayments: false,
    created: nowIso,
  };
}

/**
 * This year and the two before it are open; the year before those is closed, so a date in it meets
 * CLOSED_FISCAL_PERIOD (FACTS.md, Errors). Newest first, as GET /fiscalyears lists them (contract).
 */
export function defaultFiscalYears(nowIso: string, nextId: () => number): FiscalYear[] {
  const year = Number(nowIso.slice(0, 4));
  return [year, year - 1, year - 2, year - 3].map((fiscalYear) =>
    calendarFiscalYear(fiscalYear, fiscalYear >= year - 2, nextId, nowIso),
  );
}

/** Currencies a company can invoice in (assumption: a short list of the common ones; GET /currencies). */
export const DEFAULT_CURRENCIES = ['EUR', 'SEK', 'NOK', 'DKK', 'USD', 'GBP', 'CHF', 'JPY', 'PLN', 'CAD'];

/** Usage settings (GET /company/usagesettings): e-invoice by default, accounting by row on for sales (assumption). */
export function defaultUsageSettings(): CompanyUsageSettings {
  return {
    defaultInvoiceChannel: 'ELECTRONIC_INVOICE',
    cashDiscount: { cashDiscountForSales: false, cashDiscountForPurchase: false },
    accountingByRow: {
      salesInvoicePosting: true,
      purchaseInvoicePosting: true,
      travelAndExpenseInvoicePosting: false,
      salaryPosting: false,
    },
  };
}

/** Dimension names every new company has, empty until items are added (Visma Severa's integration uses these three). */
export const DEFAULT_DIMENSION_NAMES = ['Projektit', 'Kustannuspaikat', 'Liiketoimintayksiköt'];
