// Every `lastError.code` a transfer can fail (or wait to retry) with, defined once (docs/errors.md, "Transfer failure
// codes"). TransferRuleError and TransferErrorInfo take only these, so a new code must be added here, in the docs and
// in the console's texts.

export const TRANSFER_FAILURE_CODES = [
  'business_partner_conflict',
  'business_partner_not_found',
  'customer_not_linked',
  'product_not_found',
  'dimension_not_found',
  'company_bank_account_missing',
  'connection_not_active',
  'procountor_authentication_failed',
  'procountor_refused',
  'attachment_too_large',
  'retries_exhausted',
  'procountor_unavailable',
  'person_not_in_procountor',
  'person_identity_code_missing',
  'person_bank_account_missing',
  'travel_expense_code_unknown',
] as const;

export type TransferFailureCode = (typeof TRANSFER_FAILURE_CODES)[number];
