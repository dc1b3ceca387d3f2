// The bridge API as the console calls it: same-origin fetch with the session cookie, the CSRF header on changes, one error type.

export interface ErrorDetail {
  path: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** Set after sign-in (and after GET /v1/session on a reload); cleared on sign-out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the bridge answers 401: the session ended, show the sign-in page. */
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json ?? {}) as { code?: string; message?: string; details?: ErrorDetail[] };
    if (response.status === 401 && path !== '/v1/session') onSignedOut?.();
    throw new ApiError(
      response.status,
      error.code ?? 'http_error',
      error.message ?? `${response.status} ${response.statusText}`,
      error.details ?? [],
    );
  }
  return json as T;
}

/** A query string from the set values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// The shapes the console reads (subsets of the bridge's /openapi.json).

export interface Session {
  userName: string;
  csrfToken: string;
  expiresAt: string;
}

export interface Connection {
  id: string;
  name: string;
  status: 'draft' | 'active' | 'disabled';
  environment: 'production' | 'test' | 'custom';
  baseUrl: string;
  clientId: string;
  apiKeyMasked: string;
  credentialsVersion: number;
  companyName: string | null;
  companyBusinessId: string | null;
  companyIban: string | null;
  settings: Record<string, unknown>;
  activatedAt: string | null;
  lastCheckedAt: string | null;
  lastCheckError: string | null;
}

export interface SettingInfo {
  name: string;
  description: string;
  default?: unknown;
  schema: JsonSchema;
}

export interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  description?: string;
}

export interface ActivationStep {
  id: string;
  title: string;
  instructions: string[];
  procountorPath?: string;
  optional?: boolean;
}

export interface TransferError {
  code: string;
  message: string;
  explanation?: string;
  explanationFi?: string;
  fix: string;
  step?: string;
  at?: string;
}

/** The bridge's transfer states in the order the console lists them (dashboard counts, the transfers filter). */
export const TRANSFER_STATES = [
  'waiting_for_send',
  'queued',
  'in_progress',
  'retrying',
  'failed',
  'succeeded',
  'cancelled',
];

export interface Transfer {
  transferId: string;
  kind: string;
  externalId: string;
  sourceInvoiceNumber: string | null;
  state: string;
  currentStep: string | null;
  completedSteps: string[];
  totalSteps: number;
  attempts: number;
  nextAttemptAt: string | null;
  procountor: {
    invoiceId: number | null;
    invoiceNumber: number | null;
    referenceCode: string | null;
    status: string | null;
  };
  lastError: TransferError | null;
  customerName: string | null;
  totalAmount: number | null;
  currency: string | null;
  invoiceDate: string | null;
  creditsTransferId: string | null;
  createdAt: string;
  updatedAt: string;
  succeededAt: string | null;
  timeline?: { at: string; kind: string; step: string | null; message: string }[];
}

/** GET /v1/connections/{id}/next-invoice-number (docs/transfers.md "The next invoice number"): a prediction. */
export interface NextInvoiceNumber {
  predictedInvoiceNumber: number | null;
  isReservation: false;
  howFound: string;
  limits: string;
  readAt: string;
  fromCache: boolean;
}

export interface TransferPage {
  items: Transfer[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Dashboard {
  today: { date: string; byState: Record<string, number> };
  thisMonth: { from: string; byState: Record<string, number> };
  failures: {
    total: number;
    latest: {
      transferId: string;
      connectionId: string;
      externalId: string;
      sourceInvoiceNumber: string | null;
      customerName: string | null;
      errorCode: string | null;
      errorMessage: string | null;
      fix: string | null;
      failedAt: string;
    }[];
  };
  queue: { depth: number; byState: Record<string, number> };
  transfersPerDay: { date: string; succeeded: number; failed: number; other: number }[];
}

export interface SyncRun {
  id: string;
  mode: 'full' | 'incremental';
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  registers: string[];
  currentRegister: string | null;
  counts: Record<string, { created: number; updated: number; unchanged: number; fetched: number; done: boolean }>;
  totals: { created: number; updated: number; unchanged: number; fetched: number; failed: number };
  errors: { register: string; message: string }[];
  procountorCalls: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface RegisterSummary {
  register: string;
  path: string;
  description: string;
  records: number;
  lastSyncedAt: string | null;
  lastFullSyncAt: string | null;
}

export interface RegisterRecord {
  recordKey: string;
  procountorId: number | null;
  code: string | null;
  name: string;
  identifier: string | null;
  active: boolean;
}

export interface RecordSummary {
  name: string;
  code: string | null;
  identifier: string | null;
  active: boolean;
}

export interface LinkRow {
  sourceKey: string;
  source: { name: string; code: string | null; identifier: string | null };
  link: {
    procountorId: number;
    origin: string;
    score: number | null;
    createdAt: string;
    record: RecordSummary | null;
  } | null;
  suggestions: { procountorId: number; score: number; reason: string; nameSimilarity: number; record: RecordSummary }[];
}

/** GET …/sales-invoices/{externalId}/payments (and credit-invoices): docs/payments.md. */
export interface PaymentState {
  transferId: string;
  currency: string | null;
  totalAmount: number | null;
  amountPaid: number;
  amountOpen: number | null;
  fullyPaid: boolean;
  lastPaymentDate: string | null;
  lastReconciledAt: string | null;
  payments: {
    procountorPaymentEventId: number;
    amount: number;
    paymentDate: string;
    paymentType: string | null;
    procountorStatus: string;
    origin: string;
  }[];
}

/** GET …/procountor-webhook. */
export interface WebhookSubscription {
  state: 'subscribed' | 'pending' | 'failed';
  webhookUuid: string | null;
  url: string;
  eventTypes: string[];
  lastReceivedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** GET/PUT …/purchase-invoice-import (docs/purchase-invoices.md). */
export interface ImportSettings {
  enabled: boolean;
  statuses: string[];
  intervalMinutes: number;
  lastRunAt: string | null;
  lastResult: unknown;
}

/** POST …/purchase-invoice-import/runs. */
export interface ImportRun {
  outcome: string;
  reason?: string;
  seen: number;
  imported: number;
  waitingForProject: number;
  alreadyImported: number;
}

export interface PurchaseInvoice {
  id: string;
  connectionId: string;
  procountorInvoiceId: number;
  importedAt: string;
  acknowledgedAt: string | null;
  expense: {
    invoiceNumber: number | null;
    originalInvoiceNumber: string | null;
    procountorStatus: string;
    supplier: { name: string; businessId: string | null };
    date: string;
    dueDate: string | null;
    currency: string;
    totalAmount: number | null;
    netAmount: number | null;
    vatAmount: number | null;
    projectCodes: string[];
    rows: {
      product: string;
      productCode: string | null;
      quantity: number;
      unit: string;
      unitPrice: number;
      vatPercent: number;
      comment: string | null;
    }[];
    accounting: {
      transactionId: number | null;
      account: string | null;
      amount: number | null;
      vatPercent: number | null;
      description: string | null;
      dimensions: { dimensionName: string | null; itemCode: string | null; amount: number | null }[];
    }[];
    attachments: { attachmentId: number; name: string }[];
  };
}

/** GET …/bills. */
export interface Bill {
  procountorInvoiceId: number;
  invoiceNumber: number | null;
  originalInvoiceNumber: string | null;
  procountorStatus: string;
  supplierName: string;
  supplierBusinessId: string | null;
  date: string;
  dueDate: string | null;
  totalAmount: number | null;
  currency: string;
  routing: {
    projectNumber: string | null;
    projectNumberFoundIn: string | null;
    personalIdentityCode: string | null;
    personalIdentityCodeFoundIn: string | null;
  };
}
