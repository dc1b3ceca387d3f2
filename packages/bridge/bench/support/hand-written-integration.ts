// The hand-written baseline of the engine benchmark (issue 13): what a typical integration written straight against
// Procountor's API does per invoice, with plain fetch and no bridge code. Per invoice: a client-credentials token,
// a business partner search by customer number, a product search by code, POST /invoices, and a read-back of the
// invoice. A 429 is retried after its Retry-After, as such integrations do; nothing is stored, nothing is resumed.
import type { KnownMasterData } from './bench-invoices';
import type { EmulatorChild } from './emulator-child';

/** The invoice as the source application has it (the benchmark's invoices, see benchSalesInvoice). */
export interface SourceInvoice {
  invoiceNumber?: string;
  externalId: string;
  invoiceDate: string;
  paymentTermDays?: number;
  customer: KnownMasterData['customers'][number];
  rows: Array<{
    productCode?: string;
    name: string;
    unit?: string;
    quantity?: number;
    unitPrice?: number;
    vatPercent?: number;
  }>;
}

export interface HandWrittenResult {
  invoices: number;
  succeeded: number;
  failed: number;
  firstError?: string;
  wallMs: number;
  /** Every request sent to Procountor, retries of a 429 included. */
  calls: number;
  rateLimited429: number;
  callsByKind: Record<string, number>;
}

/** The few fields of Procountor's answers the integration reads. */
interface Page<T> {
  results?: T[];
}

const UNITS: Record<string, string> = { h: 'HOUR', kk: 'MONTH', kpl: 'PIECE' };
const MAX_ATTEMPTS = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** One Procountor API session: the emulator's credentials and a counter of what was sent. */
class ProcountorCalls {
  calls = 0;
  rateLimited429 = 0;
  readonly byKind: Record<string, number> = {};

  constructor(private readonly emulator: Pick<EmulatorChild, 'baseUrl' | 'clientId' | 'clientSecret' | 'apiKey'>) {}

  /** fetch with the naive retry: on 429 wait Retry-After seconds (1 when absent) and send the same request again. */
  async send(kind: string, path: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      this.calls += 1;
      this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
      const response = await fetch(`${this.emulator.baseUrl}${path}`, init);
      if (response.status !== 429 || attempt === MAX_ATTEMPTS) return response;
      this.rateLimited429 += 1;
      await response.arrayBuffer();
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
    }
  }

  async json<T>(kind: string, path: string, init: RequestInit): Promise<T> {
    const response = await this.send(kind, path, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  /** POST /oauth/token, client credentials plus the company's API key (Procountor's M2M flow). */
  async token(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.emulator.clientId,
      client_secret: this.emulator.clientSecret,
      api_key: this.emulator.apiKey,
    });
    const answer = await this.json<{ access_token: string }>('POST /oauth/token', '/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return answer.access_token;
  }

  get<T>(kind: string, path: string, token: string): Promise<T> {
    return this.json<T>(kind, path, { headers: { authorization: `Bearer ${token}` } });
  }

  post<T>(kind: string, path: string, token: string, body: unknown): Promise<T> {
    return this.json<T>(kind, path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

/** The company's invoice bank account, read once at start (such an integration has it in its configuration). */
export async function readCompanyIban(
  emulator: Pick<EmulatorChild, 'baseUrl' | 'clientId' | 'clientSecret' | 'apiKey'>,
) {
  const api = new ProcountorCalls(emulator);
  const token = await api.token();
  const accounts = await api.get<Page<{ iban?: string; defaultForInvoice?: boolean }>>('setup', '/bankaccounts', token);
  const account = accounts.results?.find((candidate) => candidate.defaultForInvoice) ?? accounts.results?.[0];
  if (!account?.iban) throw new Error('the emulator company has no bank account');
  return account.iban;
}

/** Token, partner search, product search, create, read back: one invoice the hand-written way. */
async function transferOne(api: ProcountorCalls, invoice: SourceInvoice, companyIban: string): Promise<void> {
  const token = await api.token();
  const partners = await api.get<Page<{ id: number }>>(
    'GET /businesspartners',
    `/businesspartners?type=CUSTOMER&customerNumber=${encodeURIComponent(invoice.customer.customerNumber ?? '')}`,
    token,
  );
  const partnerId = partners.results?.[0]?.id;
  if (partnerId === undefined) throw new Error(`no business partner ${invoice.customer.customerNumber}`);
  const rows = [];
  for (const row of invoice.rows) {
    const products = await api.get<Page<{ id: number }>>(
      'GET /products',
      `/products?code=${encodeURIComponent(row.productCode ?? '')}`,
      token,
    );
    rows.push({
      ...(products.results?.[0] ? { productId: products.results[0].id } : {}),
      product: row.name,
      ...(row.productCode ? { productCode: row.productCode } : {}),
      quantity: row.quantity ?? 1,
      unit: UNITS[row.unit ?? ''] ?? 'PIECE',
      unitPrice: row.unitPrice ?? 0,
      discountPercent: 0,
      vatPercent: row.vatPercent ?? 0,
      vatStatus: 1,
    });
  }
  const { customer } = invoice;
  const created = await api.post<{ id: number }>('POST /invoices', '/invoices', token, {
    type: 'SALES_INVOICE',
    partnerId,
    date: invoice.invoiceDate,
    counterParty: {
      ...(customer.businessId ? { identifier: customer.businessId } : {}),
      ...(customer.customerNumber ? { customerNumber: customer.customerNumber } : {}),
      counterPartyAddress: {
        name: customer.name,
        street: customer.address.street,
        zip: customer.address.postalCode,
        city: customer.address.city,
        country: 'FINLAND',
      },
    },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      dueDate: addDays(invoice.invoiceDate, invoice.paymentTermDays ?? 14),
      currencyRate: 1,
      bankAccount: { accountNumber: companyIban },
      bankReferenceCode: '',
      bankReferenceCodeType: 'FI',
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceRows: rows,
    vatStatus: 1,
    originalInvoiceNumber: invoice.invoiceNumber ?? invoice.externalId,
    invoiceChannel: 'MAIL',
    language: 'FINNISH',
  });
  await api.get('GET /invoices/{id}', `/invoices/${created.id}`, token);
}

/** Transfers the invoices with `concurrency` in flight; resolves when every one succeeded or failed. */
export async function runHandWrittenIntegration(
  emulator: Pick<EmulatorChild, 'baseUrl' | 'clientId' | 'clientSecret' | 'apiKey'>,
  invoices: readonly SourceInvoice[],
  options: { concurrency: number; companyIban: string },
): Promise<HandWrittenResult> {
  const api = new ProcountorCalls(emulator);
  const started = performance.now();
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < invoices.length) {
      const invoice = invoices[next++]!;
      try {
        await transferOne(api, invoice, options.companyIban);
        succeeded += 1;
      } catch (error) {
        failed += 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return {
    invoices: invoices.length,
    succeeded,
    failed,
    ...(firstError ? { firstError } : {}),
    wallMs: Math.round(performance.now() - started),
    calls: api.calls,
    rateLimited429: api.rateLimited429,
    callsByKind: api.byKind,
  };
}
