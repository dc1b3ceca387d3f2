// The magnitude and decimal places of the numbers a document carries (quantities, prices, percentages, amounts),
// within what Procountor stores. Each limit cites its source; where the contract says nothing, the nearest field it
// does bound is used and named.
import type { ErrorDetail } from '../errors/bridge-error';

export interface NumberLimit {
  /** The rule named in details[].rule. */
  rule: string;
  min: number;
  max: number;
  /** Decimal places allowed. */
  scale: number;
  /** Where the limit comes from, said in the message. */
  source: string;
}

/**
 * Contract InvoiceRow.quantity states no bounds; the contract's other row quantity (SalarySlipRow.quantity) is
 * "Scale: 5" with minimum −999,999,999.99 and maximum 999,999,999.99. Negative on credit rows.
 */
export const ROW_QUANTITY_LIMIT: NumberLimit = {
  rule: 'quantity_limits',
  min: -999_999_999.99,
  max: 999_999_999.99,
  scale: 5,
  source: 'Procountor row quantities: scale 5, at most ±999,999,999.99 (the contract, SalarySlipRow.quantity)',
};

/**
 * Contract InvoiceRow.unitPrice states no bounds; the contract's other unit value (SalarySlipRow.unitValue) is
 * "Scale: 5" with minimum −999,999,999.99 and maximum 999,999,999.99.
 */
export const ROW_UNIT_PRICE_LIMIT: NumberLimit = {
  rule: 'unit_price_limits',
  min: -999_999_999.99,
  max: 999_999_999.99,
  scale: 5,
  source: 'Procountor unit prices: scale 5, at most ±999,999,999.99 (the contract, SalarySlipRow.unitValue)',
};

/** Contract Invoice.discountPercent: "Scale: 4", maximum 100; Product.discount: minimum 0, maximum 100. */
export const DISCOUNT_PERCENT_LIMIT: NumberLimit = {
  rule: 'discount_percent_limits',
  min: 0,
  max: 100,
  scale: 4,
  source: 'Procountor discount percentages: 0–100 with at most 4 decimals (the contract, Invoice.discountPercent)',
};

/**
 * Contract InvoiceRow.vatPercent: "Must be a percentage currently in use for the company"; Procountor's percentages
 * (Finnish 25.5, 14, 13.5, 10, 0) have at most 2 decimals, like every percentage the contract gives a scale.
 */
export const VAT_PERCENT_LIMIT: NumberLimit = {
  rule: 'vat_percent_limits',
  min: 0,
  max: 100,
  scale: 2,
  source: 'Procountor VAT percentages: 0–100 with at most 2 decimals (e.g. 25.5)',
};

/**
 * Money amounts (a row's net amount, the invoice total): the contract's money fields are bounded at
 * 999,999,999.99 (e.g. IncomeConfiguration.baseSalaryValue, TaxCard.annualIncomeLimit, scale 2).
 */
export const MAX_AMOUNT = 999_999_999.99;

/**
 * The decimal places a number was written with: JSON numbers reach us as IEEE doubles, whose shortest round-trip
 * form (String) is what the source wrote, e.g. 0.1 → 1, 1e-7 → 7, 1.5e-7 → 8, 12e3 → 0.
 */
export function decimalPlacesOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

function formatLimit(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 5 });
}

/** The problem with one number, or undefined when it is within `limit`. */
export function numberProblem(path: string, value: number, limit: NumberLimit): ErrorDetail | undefined {
  if (!Number.isFinite(value) || value < limit.min || value > limit.max) {
    return {
      path,
      rule: limit.rule,
      message: `${value} is outside ${formatLimit(limit.min)}…${formatLimit(limit.max)}; ${limit.source}`,
    };
  }
  if (decimalPlacesOf(value) > limit.scale) {
    return {
      path,
      rule: limit.rule,
      message: `${value} has ${decimalPlacesOf(value)} decimal places, at most ${limit.scale}; ${limit.source}`,
    };
  }
  return undefined;
}

/** The problem with a money amount computed from a document (row net, invoice total), if it is out of range. */
export function amountProblem(path: string, what: string, amount: number): ErrorDetail | undefined {
  if (Number.isFinite(amount) && Math.abs(amount) <= MAX_AMOUNT) return undefined;
  return {
    path,
    rule: 'amount_limits',
    message: `${what} is ${Number.isFinite(amount) ? amount.toLocaleString('en-US') : amount}; Procountor's money amounts are at most ±999,999,999.99 (the contract's money fields)`,
  };
}
