// The default code a row without its own code carries: work types and products each have theirs (as in Visma Severa).
// A row with neither is matched by name (as Click2Contract: "a new product if no similar product can be found").
import { foldSearchText } from '../registers/fold-search-text';
import type { SalesInvoiceRowInput } from './sales-invoice-schema';

export interface DefaultCodes {
  defaultProductCode?: string | undefined;
  defaultWorkTypeCode?: string | undefined;
}

/**
 * Visma Severa's settings: "Define the default code for products … Define the default code for work types." A work-type
 * row takes the work type default, or the product default when none is set ("the same code can be used for all
 * products").
 */
export function defaultCodeOf(row: Pick<SalesInvoiceRowInput, 'itemType'>, defaults: DefaultCodes): string | undefined {
  if (row.itemType === 'work_type') return defaults.defaultWorkTypeCode ?? defaults.defaultProductCode;
  return defaults.defaultProductCode;
}

/** The default codes in use, each once. */
export function defaultCodesOf(defaults: DefaultCodes): string[] {
  return [...new Set([defaults.defaultProductCode, defaults.defaultWorkTypeCode].filter((code) => !!code))] as string[];
}

/** The key of a row without any code among the resolved products: its folded name ("Konsultointi  " = "konsultointi"). */
export function codelessProductKey(name: string): string {
  return `name:${foldSearchText(name)}`;
}
