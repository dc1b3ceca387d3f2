// Step 2: finds each row's product in Procountor by code; creates it where allowed, else uses the default code.
// Order per code: the product's link, then the synced register, then a Procountor search; what it finds is linked.
import type { ProcountorProduct } from '@procountor-bridge/client';
import { findLinks, recordLinkIfFree, upsertSourceRecords } from '../../registers/register-links';
import { findRecordsByCode, rememberRegisterRecord, syncedRegisters } from '../../registers/register-records';
import { productRecord } from '../../registers/to-register-record';
import {
  codelessProductKey,
  type DefaultCodes,
  defaultCodeOf,
  defaultCodesOf,
} from '../../sales-invoices/default-row-code';
import { toProcountorUnit } from '../../sales-invoices/procountor-unit';
import type { SalesInvoiceInput, SalesInvoiceRowInput } from '../../sales-invoices/sales-invoice-schema';
import { TransferRuleError } from '../transfer-errors';
import type { StepContext } from './step-context';

/** Item rows by the product code they will carry: their own, or the default of their kind for rows without one. */
export function rowsByProductCode(
  invoice: SalesInvoiceInput,
  defaults: DefaultCodes,
): Map<string, SalesInvoiceRowInput> {
  const byCode = new Map<string, SalesInvoiceRowInput>();
  for (const row of invoice.rows) {
    if (row.kind === 'header' || row.kind === 'text') continue;
    const code = row.productCode || defaultCodeOf(row, defaults);
    if (code && !byCode.has(code)) byCode.set(code, row);
  }
  return byCode;
}

/** The SALES product with exactly this code (the contract's `code` filter matches substrings). */
export async function findProductByCode(
  client: StepContext['client'],
  code: string,
): Promise<ProcountorProduct | undefined> {
  const { results } = await client.products.search({ code, type: 'SALES', size: 200 });
  return results?.find((product) => product.code === code);
}

export async function findProductIdByCode(client: StepContext['client'], code: string): Promise<number | undefined> {
  return (await findProductByCode(client, code))?.id;
}

export function toProcountorProduct(
  code: string | undefined,
  row: SalesInvoiceRowInput,
  currency: string,
): ProcountorProduct {
  return {
    type: 'SALES',
    name: row.name.slice(0, 80),
    ...(code ? { code } : {}),
    unit: (toProcountorUnit(row.unit) ?? 'PIECE') as ProcountorProduct['unit'],
    price: row.unitPrice ?? 0,
    discount: 0,
    ...(row.vatPercent !== undefined ? { vat: row.vatPercent } : {}),
    active: true,
    currency: currency as ProcountorProduct['currency'],
  };
}

/** Product ids the bridge already knows for these codes: links first, then active SALES products of the synced register. */
async function knownProductIds(context: StepContext, codes: readonly string[]): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  const { db } = context;
  if (!db || codes.length === 0) return known;
  for (const [code, link] of await findLinks(db, context.connection.id, 'product', codes)) {
    known.set(code, link.procountorId);
  }
  const missing = codes.filter((code) => !known.has(code));
  if (missing.length === 0) return known;
  if (!(await syncedRegisters(db, context.connection.id)).has('products')) return known;
  for (const record of await findRecordsByCode(db, context.connection.id, 'products', missing)) {
    if (record.active && record.data.type === 'SALES' && record.procountorId !== null && record.code) {
      if (!known.has(record.code)) known.set(record.code, record.procountorId);
    }
  }
  return known;
}

/** Links the source's product code to the Procountor product, and keeps the product in the local register. */
async function rememberProduct(
  context: StepContext,
  code: string,
  row: SalesInvoiceRowInput,
  product: ProcountorProduct,
) {
  const { db } = context;
  if (!db || product.id === undefined) return;
  await rememberRegisterRecord(db, context.connection.id, 'products', productRecord(product));
  await upsertSourceRecords(db, context.connection.id, 'product', [
    { sourceKey: code, name: row.name, code, data: { code, name: row.name, unit: row.unit, unitPrice: row.unitPrice } },
  ]);
  await recordLinkIfFree(db, context.connection.id, {
    kind: 'product',
    sourceKey: code,
    procountorId: product.id,
    origin: 'transfer',
  });
}

/**
 * As Click2Contract's integration does: "a new product (if no similar product can be found)". Where products may be
 * created, an item row with no code and no default code takes the active SALES product of the same name (case, accents
 * and spacing aside), or a new product with its name. The search before the create also finds a product an attempt with
 * a lost answer made.
 */
async function resolveCodelessRows(context: StepContext, products: NonNullable<StepContext['progress']['products']>) {
  const { settings } = context.connection;
  for (const row of context.invoice.rows) {
    if (row.kind === 'header' || row.kind === 'text' || row.productCode || defaultCodeOf(row, settings)) continue;
    const key = codelessProductKey(row.name);
    if (products[key]) continue;
    const { results } = await context.client.products.search({ name: row.name.trim(), type: 'SALES', size: 200 });
    const similar = results?.find(
      (product) => product.id !== undefined && product.active !== false && codelessProductKey(product.name) === key,
    );
    if (similar?.id !== undefined) {
      products[key] = { id: similar.id, code: similar.code ?? '' };
      context.note(`Row "${row.name}" has no code: Procountor product ${similar.id} has the same name.`, {
        productId: similar.id,
      });
    } else {
      const created = await context.client.products.create(
        toProcountorProduct(undefined, row, context.invoice.currency),
      );
      products[key] = { id: created.id as number, code: '' };
      context.note(`Row "${row.name}" has no code: product ${created.id} created in Procountor with its name.`, {
        productId: created.id,
      });
    }
    context.progress.products = products;
  }
}

export async function resolveProducts(context: StepContext): Promise<void> {
  const { settings } = context.connection;
  const products = { ...context.progress.products };
  const rows = rowsByProductCode(context.invoice, settings);
  const known = await knownProductIds(
    context,
    [...rows.keys(), ...defaultCodesOf(settings)].filter((code) => !products[code]),
  );
  const defaultProducts = new Map<string, { id: number; code: string } | undefined>();
  const findDefault = async (code: string | undefined) => {
    if (!code) return undefined;
    if (!defaultProducts.has(code)) {
      const id = known.get(code) ?? (await findProductIdByCode(context.client, code));
      defaultProducts.set(code, id !== undefined ? { id, code } : undefined);
    }
    return defaultProducts.get(code);
  };
  for (const [code, row] of rows) {
    if (products[code]) continue;
    const knownId = known.get(code);
    if (knownId !== undefined) {
      products[code] = { id: knownId, code };
      context.note(`Product ${code} is Procountor product ${knownId} (known to the bridge).`, {
        code,
        productId: knownId,
      });
      context.progress.products = products;
      continue;
    }
    // A product created by an attempt whose answer was lost is found here by its code: no second product.
    const found = await findProductByCode(context.client, code);
    if (found?.id !== undefined) {
      products[code] = { id: found.id, code };
      context.note(`Product ${code} found in Procountor (product ${found.id}).`, { code, productId: found.id });
      await rememberProduct(context, code, row, found);
    } else if (settings.createProductsInProcountor) {
      const created = await context.client.products.create(toProcountorProduct(code, row, context.invoice.currency));
      products[code] = { id: created.id as number, code };
      context.note(`Product ${code} (${row.name}) created in Procountor as product ${created.id}.`, {
        code,
        productId: created.id,
      });
      await rememberProduct(context, code, row, created);
    } else {
      const defaultCode = defaultCodeOf(row, settings);
      const fallback = await findDefault(defaultCode);
      if (!fallback) {
        const setting = row.itemType === 'work_type' ? 'defaultWorkTypeCode' : 'defaultProductCode';
        throw new TransferRuleError(
          'product_not_found',
          `Product code ${code} (row "${row.name}") is not in Procountor's product register${defaultCode ? `, nor is the default code ${defaultCode}` : ''}.`,
          `Add product ${code} in Procountor, turn on "createProductsInProcountor", or set "${setting}" to a code Procountor has; then resend.`,
        );
      }
      products[code] = fallback;
      context.note(`Product code ${code} is not in Procountor; its rows use the default product ${fallback.code}.`, {
        code,
        defaultCode: fallback.code,
      });
    }
    context.progress.products = products;
  }
  if (settings.createProductsInProcountor) await resolveCodelessRows(context, products);
  context.progress.products = products;
}
