// Read-mostly registers: VAT statuses and rates, chart of accounts, fiscal years, currencies.
import type {
  ProcountorCurrencies,
  ProcountorFiscalYears,
  ProcountorLedgerAccounts,
  ProcountorVatInformation,
  ProcountorVatPercentages,
  ProcountorVatSettings,
} from '../contract-types';
import type { operations } from '../generated';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class Vats extends ProcountorResource {
  /** VAT statuses and rates of the company's country (GET /vats/default). */
  default(options?: CallOptions): Promise<ProcountorVatInformation> {
    return this.client.request('get', '/vats/default', { ...options });
  }

  /** VAT rates of a country (GET /vats/country?countryCode=…). */
  country(countryCode: string, options?: CallOptions): Promise<ProcountorVatPercentages> {
    return this.client.request('get', '/vats/country', { query: { countryCode }, ...options });
  }

  settings(options?: CallOptions): Promise<ProcountorVatSettings> {
    return this.client.request('get', '/vats/settings', { ...options });
  }
}

export class ChartOfAccounts extends ProcountorResource {
  /** The company's ledger accounts (GET /coa). */
  get(options?: CallOptions): Promise<ProcountorLedgerAccounts> {
    return this.client.request('get', '/coa', { ...options });
  }
}

export class FiscalYears extends ProcountorResource {
  /** Fiscal years with their tracking periods and whether they are closed (GET /fiscalyears). */
  list(options?: CallOptions): Promise<ProcountorFiscalYears> {
    return this.client.request('get', '/fiscalyears', { ...options });
  }
}

export class Currencies extends ProcountorResource {
  /** All currencies Procountor knows (GET /currencies). */
  list(options?: CallOptions): Promise<ProcountorCurrencies> {
    return this.client.request('get', '/currencies', { ...options });
  }

  /** The company's base currency (GET /currencies/company). */
  company(options?: CallOptions) {
    return this.client.request('get', '/currencies/company', { ...options });
  }

  latestRates(
    query: NonNullable<operations['GetCompanyLatestRates']['parameters']['query']> = {},
    options?: CallOptions,
  ) {
    return this.client.request('get', '/currencies/latest', { query, ...options });
  }

  exchangeRate(
    query: NonNullable<operations['GetCurrencyExchangeRate']['parameters']['query']>,
    options?: CallOptions,
  ) {
    return this.client.request('get', '/currencies/exchangerate', { query, ...options });
  }
}
