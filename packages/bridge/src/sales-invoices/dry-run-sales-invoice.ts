// The dry run behind POST sales-invoices/validate: everything a transfer does except writing to Procountor.
import type { ProcountorBusinessPartner, ProcountorProduct } from '@procountor-bridge/client';
import { matchBusinessPartner } from '../business-partners/match-business-partner';
import { type ErrorDetail, ValidationFailedError } from '../errors/bridge-error';
import { checkAgainstRegisters } from '../registers/check-against-registers';
import { registerReadsOf } from '../registers/register-reads';
import { procountorInvoiceFor } from '../transfers/steps/create-invoice';
import { dimensionCodesOf } from '../transfers/steps/ensure-dimension-items';
import { findPartnerCandidates, toProcountorPartner } from '../transfers/steps/resolve-business-partner';
import { findProductIdByCode, rowsByProductCode, toProcountorProduct } from '../transfers/steps/resolve-products';
import type { TransferDeps } from '../transfers/transfer-deps';
import type { TransferProgress } from '../transfers/transfer-progress';
import { defaultCodeOf, defaultCodesOf } from './default-row-code';
import type { NextInvoiceNumber, NextInvoiceNumberPredictor } from './next-invoice-number';
import { requireValidSalesInvoice } from './submit-sales-invoice';
import type { ProcountorInvoice } from './to-procountor-invoice';

export interface DryRunResult {
  valid: boolean;
  problems: ErrorDetail[];
  procountorInvoice: ProcountorInvoice | null;
  /** What Procountor already has: the matched partner (with the matching rule) and products by the rows' codes. */
  matched: {
    partner?: { id: number; rule: string };
    products: Record<string, { id: number; code: string }>;
  } | null;
  wouldCreate: {
    partner?: ProcountorBusinessPartner;
    products: ProcountorProduct[];
    dimensionItems: { dimension: string; code: string }[];
  } | null;
  /** The number Procountor will most likely give the invoice: a prediction, never a reservation. */
  nextInvoiceNumber: NextInvoiceNumber | null;
}

/** Reads partners, products and dimensions from Procountor (GETs only) to show what a transfer would match or create. */
export async function dryRunSalesInvoice(
  deps: TransferDeps,
  connectionId: string,
  input: unknown,
  nextInvoiceNumber?: NextInvoiceNumberPredictor,
): Promise<DryRunResult> {
  const connection = await deps.connections.requireActive(connectionId);
  let invoice: ReturnType<typeof requireValidSalesInvoice>;
  try {
    invoice = requireValidSalesInvoice(input, connection);
  } catch (error) {
    if (error instanceof ValidationFailedError) {
      return {
        valid: false,
        problems: error.details,
        procountorInvoice: null,
        matched: null,
        wouldCreate: null,
        nextInvoiceNumber: null,
      };
    }
    throw error;
  }
  const { settings } = connection;
  const client = await deps.connections.procountorClient(connection);
  const problems: ErrorDetail[] = [];
  const progress: TransferProgress = { products: {} };
  const wouldCreate: NonNullable<DryRunResult['wouldCreate']> = { products: [], dimensionItems: [] };

  const match = matchBusinessPartner(invoice.customer, await findPartnerCandidates(client, invoice.customer), {
    createCustomers: settings.createCustomersInProcountor,
    reuseCustomerWithSameBusinessId: settings.reuseCustomerWithSameBusinessId,
  });
  if (match.kind === 'matched') progress.partnerId = match.partnerId;
  else if (match.kind === 'create') wouldCreate.partner = toProcountorPartner(invoice.customer);
  else
    problems.push({
      path: 'customer',
      rule: `business_partner_${match.kind.replace('-', '_')}`,
      message: match.message,
    });

  const defaultIds = new Map<string, number | undefined>();
  for (const code of defaultCodesOf(settings)) defaultIds.set(code, await findProductIdByCode(client, code));
  for (const [code, row] of rowsByProductCode(invoice, settings)) {
    const id = await findProductIdByCode(client, code);
    const defaultCode = defaultCodeOf(row, settings);
    const defaultId = defaultCode ? defaultIds.get(defaultCode) : undefined;
    if (id !== undefined) progress.products![code] = { id, code };
    else if (settings.createProductsInProcountor)
      wouldCreate.products.push(toProcountorProduct(code, row, invoice.currency));
    else if (defaultId !== undefined && defaultCode) progress.products![code] = { id: defaultId, code: defaultCode };
    else {
      const index = invoice.rows.indexOf(row);
      problems.push({
        path: `rows[${index}].productCode`,
        rule: 'product_in_procountor',
        message: `product code ${code} is not in Procountor and no default product code Procountor has is set`,
      });
    }
  }

  const wanted = dimensionCodesOf(invoice, settings);
  if (wanted.size > 0) {
    const dimensions = await client.dimensions.list();
    for (const [kind, { name, codes }] of wanted) {
      const dimension = dimensions.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!dimension) {
        problems.push({
          path: `settings.${kind}Dimension`,
          rule: 'dimension_in_procountor',
          message: `Procountor has no dimension "${name}"`,
        });
        continue;
      }
      for (const code of codes) {
        const known = (dimension.items ?? []).some((item) => item.codeName.toLowerCase() === code.toLowerCase());
        if (!known) wouldCreate.dimensionItems.push({ dimension: name, code });
      }
    }
  }
  // The synced registers (issue #5): accounts, VAT rates, inactive items…; a field already named above is not repeated.
  for (const problem of await checkAgainstRegisters(registerReadsOf(deps.db, connectionId), invoice, settings)) {
    if (!problems.some((known) => known.path === problem.path)) problems.push(problem);
  }
  if (!connection.companyIban) {
    problems.push({
      path: 'connection.companyIban',
      rule: 'company_bank_account',
      message: 'the connection knows no company IBAN for the invoice',
    });
  }
  return {
    valid: problems.length === 0,
    problems,
    procountorInvoice: procountorInvoiceFor(invoice, connection, progress),
    matched: {
      ...(match.kind === 'matched' ? { partner: { id: match.partnerId, rule: match.rule } } : {}),
      products: progress.products ?? {},
    },
    wouldCreate,
    nextInvoiceNumber: (await nextInvoiceNumber?.predict(connectionId)) ?? null,
  };
}
