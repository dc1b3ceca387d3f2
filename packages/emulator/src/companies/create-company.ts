// Creates a company (environment) with its integrator client and API key: the admin surface and the demo seed use it.
import { randomBytes } from 'node:crypto';
import { CompactRecordMap } from '../state/compact-record-map';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';
import {
  DEFAULT_CURRENCIES,
  DEFAULT_DIMENSION_NAMES,
  defaultBankAccount,
  defaultCompanyInfo,
  defaultFiscalYears,
  defaultUsageSettings,
} from './company-defaults';
import { finnishChartOfAccounts } from './finnish-chart-of-accounts';

export interface CreateCompanyInput {
  name?: string;
  businessId?: string;
  /** Reuse an integrator client (e.g. the same client id for several companies); a new one is made otherwise. */
  clientId?: string;
  clientSecret?: string;
}

export interface CreatedCompany {
  companyId: number;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

export function createCompany(state: EmulatorState, input: CreateCompanyInput, nowIso: string): CreatedCompany {
  const companyId = nextId(state);
  const company: CompanyData = {
    id: companyId,
    info: defaultCompanyInfo(companyId, input.name ?? `Test Company ${companyId} Oy`, input.businessId ?? '2980005-2'),
    businessPartners: new Map(),
    partnerGroups: new Map(),
    products: new Map(),
    productGroups: new Map(),
    dimensions: new Map(
      DEFAULT_DIMENSION_NAMES.map((name) => {
        const id = nextId(state);
        return [id, { id, name, items: [] }];
      }),
    ),
    persons: new Map(),
    vatSettings: { unitPricesIncludeVatSales: false, unitPricesIncludeVatPurchase: false },
    ledgerAccounts: finnishChartOfAccounts(),
    fiscalYears: defaultFiscalYears(nowIso, () => nextId(state)),
    currencies: [...DEFAULT_CURRENCIES],
    bankAccounts: [defaultBankAccount(companyId, nextId(state), nowIso)],
    usageSettings: defaultUsageSettings(),
    defaultDimensions: new Map(),
    // The two collections that grow with use: kept compact beyond the most recently used records.
    invoices: new CompactRecordMap(),
    ledgerReceipts: new CompactRecordMap(),
    paymentEvents: new Map(),
    comments: new Map(),
    nextInvoiceNumbers: {},
    attachments: new Map(),
    webhooks: new Map(),
    webhookDeliveries: [],
    outgoingPayments: new Map(),
    paymentErrorMessages: [],
  };
  state.companies.set(companyId, company);

  const clientId = input.clientId ?? `emulatorClient${companyId}`;
  let client = state.clients.get(clientId);
  if (!client) {
    client = { clientId, clientSecret: input.clientSecret ?? randomBytes(18).toString('base64url'), name: clientId };
    state.clients.set(clientId, client);
  }
  const apiKey = randomBytes(24).toString('base64url');
  state.apiKeys.set(apiKey, { apiKey, companyId, clientId, revoked: false, createdAt: nowIso });
  return { companyId, clientId, clientSecret: client.clientSecret, apiKey };
}
