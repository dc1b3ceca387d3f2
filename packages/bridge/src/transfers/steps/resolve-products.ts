// Step 2: finds each row's product in Procountor by code; creates it where allowed, else uses the default code (seed 002).
import type { ProcountorProduct } from '@procountor-bridge/client';
import { toProcountorUnit } from '../../sales-invoices/procountor-unit';
import type { SalesInvoiceInput, SalesInvoiceRowInput } from '../../sales-invoices/sales-invoice-schema';
import { TransferRuleError } from '../transfer-errors';
import type { StepContext } from './step-context';

/** Item rows by the product code they will carry: their own, or the default for rows without one (seed 002). */
export function rowsByProductCode(
  invoice: SalesInvoiceInput,
  defaultProductCode: string | undefined,
): Map<string, SalesInvoiceRowInput> {
  const byCode = new Map<string, SalesInvoiceRowInput>();
  for (const row of invoice.rows) {
    if (row.kind === 'header' || row.kind === 'text') continue;
    const code = row.productCode || defaultProductCode;
    if (code && !byCode.has(code)) byCode.set(code, row);
  }
  return byCode;
}

export async function findProductIdByCode(client: StepContext['client'], code: string): Promise<number | undefined> {
  const { results } = await client.products.search({ code, type: 'SALES', size: 200 });
  return results?.find((product) => product.code === code)?.id;
}

export function toProcountorProduct(code: string, row: SalesInvoiceRowInput, currency: string): ProcountorProduct {
  return {
    type: 'SALES',
    name: row.name.slice(0, 80),
    code,
    unit: (toProcountorUnit(row.unit) ?? 'PIECE') as ProcountorProduct['unit'],
    price: row.unitPrice ?? 0,
    discount: 0,
    ...(row.vatPercent !== undefined ? { vat: row.vatPercent } : {}),
    active: true,
    currency: currency as ProcountorProduct['currency'],
  };
}

export async function resolveProducts(context: StepContext): Promise<void> {
  const { settings } = context.connection;
  const products = { ...context.progress.products };
  const rows = rowsByProductCode(context.invoice, settings.defaultProductCode);
  let defaultProduct: { id: number; code: string } | undefined | null = null;
  const findDefault = async () => {
    if (defaultProduct === null) {
      const code = settings.defaultProductCode;
      const id = code ? await findProductIdByCode(context.client, code) : undefined;
      defaultProduct = code && id !== undefined ? { id, code } : undefined;
    }
    return defaultProduct;
  };
  for (const [code, row] of rows) {
    if (products[code]) continue;
    // A product created by an attempt whose answer was lost is found here by its code: no second product.
    const id = await findProductIdByCode(context.client, code);
    if (id !== undefined) {
      products[code] = { id, code };
      context.note(`Product ${code} found in Procountor (product ${id}).`, { code, productId: id });
    } else if (settings.createProductsInProcountor) {
      const created = await context.client.products.create(toProcountorProduct(code, row, context.invoice.currency));
      products[code] = { id: created.id as number, code };
      context.note(`Product ${code} (${row.name}) created in Procountor as product ${created.id}.`, {
        code,
        productId: created.id,
      });
    } else {
      const fallback = await findDefault();
      if (!fallback) {
        throw new TransferRuleError(
          'product_not_found',
          `Product code ${code} (row "${row.name}") is not in Procountor's product register${settings.defaultProductCode ? `, nor is the default product code ${settings.defaultProductCode}` : ''}.`,
          `Add product ${code} in Procountor, turn on "createProductsInProcountor", or set "defaultProductCode" to a code Procountor has; then resend.`,
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
  context.progress.products = products;
}
