// Checks dimension item values on a ledger transaction against the company's dimensions (contract DimensionItemValue).
import type { ErrorEntry } from '../http/procountor-error';
import type { LedgerReceipt } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

type DimensionItemValue = NonNullable<LedgerReceipt['transactions'][number]['dimensionItemValues']>[number];

/** FACTS.md "Errors": the code for dimension or item ids the company does not have. */
export const UNKNOWN_DIMENSION = 'DIMENSION_OR_DIMENSION_ITEM_IDENTIFIERS_DOES_NOT_MATCH_THOSE_STORED_IN_DATABASE';

/**
 * Every problem with a transaction's dimension values: unknown dimension or item ids, repeated (dimension, item) pairs
 * ("must be unique within the list"), and per dimension a sum different from the transaction's accounting value
 * ("The sum of dimension item values on a dimension must equal the accounting value of the parent transaction").
 */
export function dimensionProblems(
  company: CompanyData,
  values: readonly DimensionItemValue[],
  accountingValue: number,
  fieldPrefix: string,
): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const seen = new Set<string>();
  const sums = new Map<number, number>();
  values.forEach((value, i) => {
    const field = `${fieldPrefix}[${i}]`;
    const dimension = company.dimensions.get(value.dimensionId);
    if (!dimension || !(dimension.items ?? []).some((item) => item.id === value.itemId)) {
      problems.push({ status: 400, field, message: UNKNOWN_DIMENSION });
    }
    const pair = `${value.dimensionId}/${value.itemId}`;
    if (seen.has(pair)) problems.push({ status: 400, field, message: 'dimension id and item id pairs must be unique' });
    seen.add(pair);
    sums.set(value.dimensionId, (sums.get(value.dimensionId) ?? 0) + value.value);
  });
  for (const [dimensionId, sum] of sums) {
    if (Math.abs(sum - accountingValue) > 0.005) {
      problems.push({
        status: 400,
        field: fieldPrefix,
        message: `the values of dimension ${dimensionId} sum to ${Math.round(sum * 100) / 100}, not to the transaction's accounting value ${accountingValue}`,
      });
    }
  }
  return problems;
}
