// Every `code` the bridge API answers a 4xx/5xx with, defined once (docs/errors.md explains each one).
// BridgeError takes only these, so a new code must be added here, in docs/errors.md and in the console's texts.

export const API_ERROR_CODES = [
  'authentication_required',
  'admin_required',
  'csrf_token_required',
  'not_found',
  'route_not_found',
  'validation_failed',
  'internal_error',
  'connection_not_active',
  'connection_name_taken',
  'procountor_client_refused',
  'procountor_api_key_refused',
  'procountor_permission_denied',
  'procountor_unreachable',
  'procountor_check_failed',
  'webhook_endpoint_disabled',
  'external_id_conflict',
  'idempotency_key_reused',
  'transfer_state_conflict',
  'sign_in_failed',
  'sign_in_throttled',
  'user_name_taken',
  'no_session',
  'invalid_signature',
  'mark_paid_forwarding_off',
  'invoice_not_in_procountor',
  'already_paid',
  'mark_paid_conflict',
  'procountor_refused_mark_paid',
  'procountor_request_failed',
  'bill_not_approvable',
  'link_conflict',
  'travel_transfers_off',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
