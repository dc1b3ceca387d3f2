// Checks a document against the connection's synced registers before anything is sent: product codes, sales
// accounts, VAT percentages, currencies, dimension items and person codes, each problem named with its fix. A register that
// was never synced is not checked (its copy would be empty, not authoritative).
import { isValidFinnishVatRate } from '@procountor-bridge/client/finnish';
import { sql } from 'kysely';
import type { ConnectionSettings } from '../connections/connection-settings';
import { type ErrorDetail, ValidationFailedError } from '../errors/bridge-error';
import { defaultCodeOf, defaultCodesOf } from '../sales-invoices/default-row-code';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import type { Database } from '../storage/schema';
import { configuredDimensions, type DimensionKind } from '../transfers/steps/ensure-dimension-items';
import type { RegisterReads } from './register-reads';
import { syncedRegisters } from './register-records';

const KIND_WORDS: Record<DimensionKind, string> = {
  project: 'project',
  costCenter: 'cost centre',
  businessUnit: 'business unit',
};

/** Every problem of a sales (or credit) invoice against the synced registers; empty when all is known. */
export async function checkAgainstRegisters(
  reads: RegisterReads,
  invoice: SalesInvoiceInput,
  settings: ConnectionSettings,
): Promise<ErrorDetail[]> {
  const synced = await reads.syncedRegisters();
  if (synced.size === 0) return [];
  const problems: ErrorDetail[] = [];
  const rows = invoice.rows.map((row, index) => ({ row, index }));
  const itemRows = rows.filter(({ row }) => row.kind !== 'header' && row.kind !== 'text');

  if (synced.has('products') && !settings.createProductsInProcountor) {
    const codes = [
      ...new Set(itemRows.map(({ row }) => row.productCode).filter((code): code is string => Boolean(code))),
    ];
    const candidates = [...codes, ...defaultCodesOf(settings)];
    const records = await reads.recordsByCode('products', candidates);
    const links = await reads.links('product', candidates);
    const known = (code: string) =>
      links.has(code) ||
      records.some((record) => record.code === code && record.active && record.data.type === 'SALES');
    for (const { row, index } of itemRows) {
      const defaultCode = defaultCodeOf(row, settings);
      if (!row.productCode || known(row.productCode) || (defaultCode && known(defaultCode))) continue;
      problems.push({
        path: `rows[${index}].productCode`,
        rule: 'product_in_register',
        message: `product code ${row.productCode} is not an active sales product in Procountor's product register; add it in Procountor (then sync the registers), link it on the linking page, turn on createProductsInProcountor, or set a defaultProductCode Procountor has`,
      });
    }
  }

  if (synced.has('ledger_accounts')) {
    const accounts = [...new Set(itemRows.map(({ row }) => row.salesAccount).filter(Boolean))] as string[];
    const records = await reads.recordsByCode('ledger_accounts', accounts);
    for (const { row, index } of itemRows) {
      if (!row.salesAccount) continue;
      const account = records.find((record) => record.code === row.salesAccount);
      if (!account) {
        problems.push({
          path: `rows[${index}].salesAccount`,
          rule: 'account_in_chart',
          message: `sales account ${row.salesAccount} is not in the company's chart of accounts in Procountor; use an account it has (GET …/registers/ledger-accounts)`,
        });
      } else if (!account.active) {
        problems.push({
          path: `rows[${index}].salesAccount`,
          rule: 'account_active',
          message: `sales account ${row.salesAccount} (${account.name}) is inactive in Procountor; activate it there or use another account`,
        });
      }
    }
  }

  if (synced.has('vat_percentages')) {
    const percentages = new Set((await reads.vatPercentageCodes()).map(Number));
    // Procountor lists today's rates only; an earlier-dated invoice may carry the rate of its own date (24 % before
    // 2024-09-01, 14 % before 2026-01-01), which the company had then.
    const today = new Date().toISOString().slice(0, 10);
    const rateOfItsDate = (percent: number) =>
      isValidFinnishVatRate(percent, invoice.invoiceDate) && !isValidFinnishVatRate(percent, today);
    for (const { row, index } of itemRows) {
      if (row.vatPercent === undefined || percentages.has(row.vatPercent) || rateOfItsDate(row.vatPercent)) continue;
      problems.push({
        path: `rows[${index}].vatPercent`,
        rule: 'vat_percentage_in_use',
        message: `VAT ${row.vatPercent} % is not a rate the company has in Procountor (it has ${[...percentages].sort((a, b) => b - a).join(', ')} %); correct the row's VAT`,
      });
    }
  }

  if (synced.has('currencies')) {
    // GET /currencies lists what the company can invoice in; another currency would be refused by Procountor later.
    const [record] = await reads.recordsByCode('currencies', [invoice.currency]);
    if (!record) {
      problems.push({
        path: 'currency',
        rule: 'currency_in_register',
        message: `${invoice.currency} is not a currency of the company in Procountor (GET /currencies); add it there and sync the registers, or invoice in one it has`,
      });
    }
  }

  if (synced.has('dimension_items')) {
    const configured = configuredDimensions(settings);
    const codes = [
      ...new Set(rows.flatMap(({ row }) => Object.values(row.dimensions ?? {}).filter(Boolean) as string[])),
    ];
    const records = await reads.recordsByCode('dimension_items', codes);
    for (const { row, index } of rows) {
      for (const [kind, dimensionName] of Object.entries(configured) as [DimensionKind, string][]) {
        const code = row.dimensions?.[kind];
        if (!code) continue;
        const item = records.find(
          (record) =>
            record.identifier?.toLowerCase() === dimensionName.toLowerCase() &&
            record.code?.toLowerCase() === code.toLowerCase(),
        );
        // A missing item is created by the transfer; an inactive one would be refused by Procountor.
        if (item && !item.active) {
          problems.push({
            path: `rows[${index}].dimensions.${kind}`,
            rule: 'dimension_item_active',
            message: `${KIND_WORDS[kind]} ${code} is inactive in Procountor's dimension "${dimensionName}"; reactivate it (PUT …/dimension-items) or use an open one`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * Person codes (personal identity codes or person numbers) of travel and expense invoices: each must be
 * an active person of the synced person register. `paths` name where each code stands in the document.
 */
export async function checkPersonCodes(
  db: Database,
  connectionId: string,
  codes: ReadonlyArray<{ path: string; code: string }>,
): Promise<ErrorDetail[]> {
  if (codes.length === 0 || !(await syncedRegisters(db, connectionId)).has('persons')) return [];
  const values = [...new Set(codes.map(({ code }) => code.trim().toUpperCase()))];
  const rows = await db
    .selectFrom('register_records')
    .select(['identifier', 'code', 'active', 'name'])
    .where('connection_id', '=', connectionId)
    .where('register', '=', 'persons')
    .where((eb) => eb.or([eb(sql`upper(identifier)`, 'in', values), eb(sql`upper(code)`, 'in', values)]))
    .execute();
  const problems: ErrorDetail[] = [];
  for (const { path, code } of codes) {
    const value = code.trim().toUpperCase();
    const person = rows.find((row) => row.identifier?.toUpperCase() === value || row.code?.toUpperCase() === value);
    if (!person) {
      problems.push({
        path,
        rule: 'person_in_register',
        message: `no person with this personal identity code or person number is in Procountor's person register; add the person in Procountor, then sync the registers`,
      });
    } else if (!person.active) {
      problems.push({
        path,
        rule: 'person_active',
        message: `person ${person.name} is inactive in Procountor's person register; activate the person there`,
      });
    }
  }
  return problems;
}

/** At submit: refuses (400, every problem listed) a document the synced registers show Procountor would not take. */
export async function requirePassingRegisterChecks(
  reads: RegisterReads,
  connection: { settings: ConnectionSettings },
  invoice: SalesInvoiceInput,
): Promise<void> {
  const problems = await checkAgainstRegisters(reads, invoice, connection.settings);
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The sales invoice');
}
