// The result shapes every Finnish rule returns: a verdict, or a value, each with a reason when the input breaks a rule.

/**
 * The verdict of a validation. `reason` is one English sentence fragment naming the rule that failed, written so a
 * caller can put a field path and the value in front of it: "customer.businessId '1234567-8': the check digit should
 * be 1".
 */
export type ValidationResult = { valid: true } | { valid: false; reason: string };

/** A value made from the input (a formatted ID, a created reference), or the reason it could not be made. */
export type ValueResult<T> = { valid: true; value: T } | { valid: false; reason: string };

/** Builds the failing branch of either result. */
export function invalid(reason: string): { valid: false; reason: string } {
  return { valid: false, reason };
}
