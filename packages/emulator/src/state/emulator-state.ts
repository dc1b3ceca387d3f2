// The emulator's whole state: integrator clients, API keys, tokens and one data set per company (environment).

import type { InvoiceNumberCounters } from '../invoices/invoice-number-series';
import type {
  Attachment,
  BankAccount,
  BusinessPartner,
  BusinessPartnerGroup,
  Comment,
  Company,
  CompanyUsageSettings,
  DefaultDimension,
  Dimension,
  FiscalYear,
  Invoice,
  LedgerAccount,
  LedgerReceipt,
  PaymentErrorMessage,
  PaymentEvent,
  PaymentRowInfo,
  Person,
  Product,
  ProductGroup,
  VatSettings,
  Webhook,
} from './contract-types';

/** An integrator application registered with Procountor (client id + secret). */
export interface IntegratorClient {
  clientId: string;
  clientSecret: string;
  name: string;
}

/** An API key binds a company (and its user) to one integrator client (FACTS.md, Authentication). */
export interface ApiKeyRecord {
  apiKey: string;
  companyId: number;
  clientId: string;
  revoked: boolean;
  createdAt: string;
}

export interface TokenRecord {
  token: string;
  companyId: number;
  clientId: string;
  apiKey: string;
  expiresAtMs: number;
}

/** Bytes and metadata of an uploaded attachment. */
export interface StoredAttachment {
  meta: Attachment;
  contentBase64: string;
}

/** A pending automated-activation request (GET/PUT /integrations/{requestId}). */
export interface IntegrationRequest {
  requestId: string;
  companyId: number;
  clientId: string;
  expiresAtMs: number;
  apiKey?: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
}

/** One delivery attempt of a Procountor webhook, kept for tests and the admin request log. */
export interface WebhookDelivery {
  webhookUuid: string;
  url: string;
  eventType: string;
  body: string;
  signature?: string;
  status?: number;
  error?: string;
  deliveredAt: string;
}

/**
 * An outgoing payment of an invoice (POST /payments): what GET /payments/{id} shows (contract PaymentRowInfo) plus what
 * the emulator needs to move it along and to put the invoice back when it is cancelled or refused.
 */
export interface OutgoingPayment extends PaymentRowInfo {
  id: number;
  invoiceId: number;
  paymentDate: string;
  /** In the invoice currency (contract InvoicePayment.amount). */
  amount: number;
  currency: NonNullable<PaymentRowInfo['currency']>;
  receiverName: string;
  receiverAccount: string;
  payerAccount: string;
  createdBy: string;
  status: 'PAYMENT_QUEUED' | 'PAYMENT_SENT_TO_BANK' | 'PAID' | 'PAYMENT_DENIED' | 'INVALIDATED';
  paymentMethod: string;
  serviceCharge?: 'BOTH_PAY_OWN_FEES' | 'PAYER_PAY_BOTH_FEES';
  bankReferenceCode?: string;
  /** The invoice's status before the payment queued it (APPROVED or PARTLY_PAID). */
  invoiceStatusBefore: NonNullable<Invoice['status']>;
}

/** The outcome of an action that Procountor confirms with multi-factor authentication (contract MfaTransactionResult). */
export interface MfaTransaction {
  transactionIdentifier: string;
  companyId: number;
  createdAtMs: number;
  /** When the result was first read: a later read answers 409 "Transaction already processed". */
  readAtMs?: number;
  result: { invoicePayments: Array<{ paymentId: number; invoiceId: number }> } | { info: string };
}

/** Everything one Procountor company (environment) holds. Each domain folder owns its own fields. */
export interface CompanyData {
  id: number;
  info: Company;
  // business-partners/
  businessPartners: Map<number, BusinessPartner>;
  partnerGroups: Map<number, BusinessPartnerGroup>;
  // products/
  products: Map<number, Product>;
  productGroups: Map<number, ProductGroup>;
  // dimensions/
  dimensions: Map<number, Dimension>;
  // persons/
  persons: Map<number, Person>;
  // registers/ (company-level reference data)
  vatSettings: VatSettings;
  ledgerAccounts: LedgerAccount[];
  fiscalYears: FiscalYear[];
  currencies: string[];
  bankAccounts: BankAccount[];
  // companies/ (GET /company/usagesettings)
  usageSettings: CompanyUsageSettings;
  // business-partners/, products/, persons/: default dimensions keyed "partner:{id}:{dimensionId}" (…/defaults/dimensions)
  defaultDimensions: Map<string, DefaultDimension>;
  // invoices/ and ledger-receipts/
  invoices: Map<number, Invoice>;
  ledgerReceipts: Map<number, LedgerReceipt>;
  paymentEvents: Map<number, PaymentEvent[]>;
  comments: Map<number, Comment[]>;
  /** The next number per number series (absent in state files saved before: read through invoices/invoice-numbering.ts). */
  nextInvoiceNumbers: InvoiceNumberCounters;
  // attachments/
  attachments: Map<number, StoredAttachment>;
  // webhooks/
  webhooks: Map<string, Webhook>;
  webhookDeliveries: WebhookDelivery[];
  // payments/ (absent in state files saved before outgoing payments: read through payments/outgoing-payments.ts)
  outgoingPayments: Map<number, OutgoingPayment>;
  paymentErrorMessages: PaymentErrorMessage[];
}

export interface EmulatorState {
  nextId: number;
  clients: Map<string, IntegratorClient>;
  companies: Map<number, CompanyData>;
  apiKeys: Map<string, ApiKeyRecord>;
  tokens: Map<string, TokenRecord>;
  integrationRequests: Map<string, IntegrationRequest>;
  /** Multi-factor confirmed actions by transaction identifier (payments/mfa-transactions.ts). */
  mfaTransactions: Map<string, MfaTransaction>;
}

export function createEmptyState(): EmulatorState {
  return {
    nextId: 1000,
    clients: new Map(),
    companies: new Map(),
    apiKeys: new Map(),
    tokens: new Map(),
    integrationRequests: new Map(),
    mfaTransactions: new Map(),
  };
}

/** Ids are unique across the whole emulator, as numeric ids of Procountor's entities are globally unique. */
export function nextId(state: EmulatorState): number {
  state.nextId += 1;
  return state.nextId;
}
