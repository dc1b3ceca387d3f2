// Reads one register from Procountor, page by page, as the records the bridge stores (register-records.ts).
import type { ProcountorClient } from '@procountor-bridge/client';
import type { RegisterName } from './register-kinds';
import type { RegisterRecordInput } from './register-records';
import { dimensionItemRecords, partnerRecord, productRecord } from './to-register-record';

/** Contract: search endpoints answer at most 200 results a page (FACTS.md "Requests and paging"). */
const PAGE_SIZE = 200;

export interface FetchOptions {
  /** Incremental: only records whose version is at or after this stamp (versionStartDate, inclusive). */
  versionStartDate?: string | undefined;
  /** Called once per Procountor request, for the run's call count. */
  countCall: () => void;
}

type PageStream = AsyncGenerator<RegisterRecordInput[], void, undefined>;

/**
 * GET /businesspartners by keyset (orderById ASC, previousId). The contract's `active` defaults to true, so inactive
 * partners need their own pass: a partner inactivated since the last run is seen only there.
 */
async function* businessPartnerPages(client: ProcountorClient, options: FetchOptions): PageStream {
  for (const active of [true, false]) {
    let previousId: number | undefined;
    for (;;) {
      options.countCall();
      const page = await client.businessPartners.search({
        orderById: 'ASC',
        active,
        size: PAGE_SIZE,
        ...(previousId !== undefined ? { previousId } : {}),
        ...(options.versionStartDate ? { versionStartDate: options.versionStartDate } : {}),
      });
      const results = page.results ?? [];
      yield results.filter((partner) => partner.id !== undefined).map(partnerRecord);
      if (results.length < PAGE_SIZE) break;
      previousId = results.at(-1)?.id;
    }
  }
}

/** GET /products by keyset; without `type` the contract returns SALES and PURCHASE, so TRAVEL gets its own pass. */
async function* productPages(client: ProcountorClient, options: FetchOptions): PageStream {
  for (const type of [undefined, 'TRAVEL'] as const) {
    let previousId: number | undefined;
    for (;;) {
      options.countCall();
      const page = await client.products.search({
        orderById: 'ASC',
        size: PAGE_SIZE,
        ...(type ? { type } : {}),
        ...(previousId !== undefined ? { previousId } : {}),
        ...(options.versionStartDate ? { versionStartDate: options.versionStartDate } : {}),
      });
      const results = page.results ?? [];
      yield results.filter((product) => product.id !== undefined).map(productRecord);
      if (results.length < PAGE_SIZE) break;
      previousId = results.at(-1)?.id;
    }
  }
}

async function* personPages(client: ProcountorClient, options: FetchOptions): PageStream {
  for (let page = 0; ; page += 1) {
    options.countCall();
    const result = await client.persons.search({ includeInactive: true, page, size: PAGE_SIZE });
    const results = result.results ?? [];
    yield results.map((person) => ({
      recordKey: String(person.id),
      procountorId: person.id ?? null,
      code: person.invoicingInfo?.personNumber || null,
      name: [person.lastName, person.firstName].filter(Boolean).join(' '),
      // The personal identity code (HETU) travel and expense invoices need (Procountor finds the person by it).
      identifier: person.invoicingInfo?.identifier || null,
      active: person.registryInfo?.active !== false,
      version: null,
      data: person as Record<string, unknown>,
    }));
    if (results.length < PAGE_SIZE) return;
  }
}

async function* onePage(options: FetchOptions, read: () => Promise<RegisterRecordInput[]>): PageStream {
  options.countCall();
  yield await read();
}

/** The pages of one register. Registers without a version filter are read whole every time. */
export function fetchRegister(client: ProcountorClient, register: RegisterName, options: FetchOptions): PageStream {
  switch (register) {
    case 'business_partners':
      return businessPartnerPages(client, options);
    case 'products':
      return productPages(client, options);
    case 'persons':
      return personPages(client, options);
    case 'dimension_items':
      return onePage(options, async () => dimensionItemRecords(await client.dimensions.list()));
    case 'partner_groups':
      return onePage(options, async () =>
        ((await client.businessPartners.groups({ size: PAGE_SIZE })).results ?? []).map((group) => ({
          recordKey: String(group.id),
          procountorId: group.id ?? null,
          code: null,
          name: group.name ?? '',
          identifier: group.type ?? null,
          active: (group as { active?: boolean }).active !== false,
          version: null,
          data: group as Record<string, unknown>,
        })),
      );
    case 'product_groups':
      return onePage(options, async () =>
        ((await client.products.groups()).productGroups ?? []).map((group) => ({
          recordKey: String(group.id),
          procountorId: group.id ?? null,
          code: null,
          name: group.name ?? '',
          identifier: group.type ?? null,
          active: true,
          version: null,
          data: group as Record<string, unknown>,
        })),
      );
    case 'ledger_accounts':
      return onePage(options, async () =>
        ((await client.chartOfAccounts.get()).ledgerAccounts ?? []).map((account) => ({
          recordKey: account.ledgerAccountCode ?? '',
          procountorId: null,
          code: account.ledgerAccountCode ?? null,
          name: account.name ?? '',
          identifier: null,
          active: account.active !== false,
          version: null,
          data: account as Record<string, unknown>,
        })),
      );
    case 'vat_percentages':
      return onePage(options, async () => {
        const information = await client.vats.default();
        const records: RegisterRecordInput[] = [];
        for (const country of information.vatInformation ?? []) {
          for (const percentage of country.percentages ?? []) {
            records.push({
              recordKey: `${country.country}:${percentage.vatPercent}`,
              procountorId: null,
              code: String(percentage.vatPercent),
              name: `${percentage.vatPercent} % (${country.country})`,
              identifier: country.country ?? null,
              active: true,
              version: null,
              data: { ...percentage, country: country.country, vatStatuses: information.vatStatuses ?? [] },
            });
          }
        }
        return records;
      });
    case 'company':
      return companyPages(client, options);
    case 'currencies':
      return onePage(options, async () =>
        ((await client.currencies.list()).currencies ?? []).map((currency) => ({
          recordKey: currency,
          procountorId: null,
          code: currency,
          name: currency,
          identifier: null,
          active: true,
          version: null,
          data: { currency },
        })),
      );
    case 'fiscal_years':
      return onePage(options, async () =>
        ((await client.fiscalYears.list()).fiscalYears ?? []).map((year) => ({
          recordKey: String(year.id),
          procountorId: year.id ?? null,
          code: `${year.startDate}..${year.endDate}`,
          name: `${year.startDate} – ${year.endDate}`,
          identifier: null,
          active: year.isOpen !== false,
          version: year.modified ?? null,
          data: year as Record<string, unknown>,
        })),
      );
  }
}

/** Company info, bank accounts, e-invoice addresses and VAT settings: four calls, one record each (four kinds). */
async function* companyPages(client: ProcountorClient, options: FetchOptions): PageStream {
  const record = (recordKey: string, name: string, data: unknown): RegisterRecordInput => ({
    recordKey,
    procountorId: null,
    code: recordKey,
    name,
    identifier: null,
    active: true,
    version: null,
    data: { value: data },
  });
  options.countCall();
  const company = await client.company.get();
  options.countCall();
  const bankAccounts = await client.bankAccounts.list();
  options.countCall();
  const eInvoiceAddresses = await client.company.eInvoiceAddresses();
  options.countCall();
  const vatSettings = await client.vats.settings();
  yield [
    record('info', company.name ?? 'Company', company),
    record('bank_accounts', 'Bank accounts', bankAccounts),
    record('einvoice_addresses', 'E-invoice addresses', eInvoiceAddresses),
    record('vat_settings', 'VAT settings', vatSettings),
  ];
}
