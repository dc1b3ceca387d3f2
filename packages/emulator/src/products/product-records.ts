// Product rules beyond the contract schema, and how products are stored and presented (contract Product).
import { ledgerAccountVatProblem } from '../companies/finnish-chart-of-accounts';
import type { ErrorEntry } from '../http/procountor-error';
import { fieldProblem } from '../http/validate-body';
import { FINNISH_VAT_PERCENTAGES, FINNISH_VAT_STATUSES } from '../registers/finnish-vat';
import type { Product, ProductGroup } from '../state/contract-types';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';

/** Problems Procountor would find in a product about to be stored (assumptions on the codes: README "Assumptions"). */
export function productProblems(product: Product, company: CompanyData): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  // Contract (vatStatus): "Allowed VAT statuses are available under GET /vats/default".
  if (
    product.vatStatus !== undefined &&
    !FINNISH_VAT_STATUSES.some((status) => status.vatStatus === product.vatStatus)
  ) {
    problems.push(fieldProblem('vatStatus', 'ERROR_VATSTATUS_VATPERC'));
  }
  if (product.vat !== undefined && !FINNISH_VAT_PERCENTAGES.includes(product.vat))
    problems.push(fieldProblem('vat', 'ERROR_VATSTATUS_VATPERC'));
  if (
    product.defaultAccount &&
    !company.ledgerAccounts.some((account) => account.ledgerAccountCode === product.defaultAccount)
  ) {
    problems.push(fieldProblem('defaultAccount', 'INVALID_LEDGER_ACCOUNT'));
  } else {
    // The product's VAT percentage goes to its default account on every invoice row that uses it.
    const accountVat = ledgerAccountVatProblem(product.defaultAccount || undefined, product.vat);
    if (accountVat) problems.push(fieldProblem('vat', accountVat));
  }
  if (product.productGroupId !== undefined) {
    const group = company.productGroups.get(product.productGroupId);
    if (!group || (group.type && group.type !== product.type))
      problems.push(fieldProblem('productGroupId', 'PRODUCT_GROUP_NOT_FOUND'));
  }
  return problems;
}

/** Stores a validated product under `id` with a new version (used by the routes and the demo seed). */
export function storeProduct(company: CompanyData, input: Product, id: number, version: string): Product {
  const product: Product = { ...input, id, version };
  company.products.set(id, product);
  return product;
}

/** Contract (includeLocalizations, default false): localized names only when asked for. */
export function presentProduct(product: Product, includeLocalizations: boolean): Product {
  if (includeLocalizations) return product;
  const { productLocalizations: _localizations, ...rest } = product;
  return rest;
}

export function addProductGroup(state: EmulatorState, company: CompanyData, input: ProductGroup): ProductGroup {
  const group: ProductGroup = { id: nextId(state), name: input.name, type: input.type ?? 'SALES' };
  company.productGroups.set(group.id!, group);
  return group;
}
