// The payment domain's errors (docs/errors.md): every 4xx names the field or setting and the rule.
import { BridgeError } from '../errors/bridge-error';

/** 401 invalid_signature: a Procountor webhook delivery whose HMAC does not verify; nothing was stored. */
export class InvalidProcountorSignatureError extends BridgeError {
  override name = 'InvalidProcountorSignatureError';
  constructor() {
    super(401, 'invalid_signature', 'The X-Procountor-Signature header does not match the body; nothing was stored.', [
      {
        path: 'headers.x-procountor-signature',
        rule: 'hmac_sha256',
        message: 'must be the hex HMAC-SHA256 of the body',
      },
    ]);
  }
}

/** 409 mark_paid_forwarding_off: the connection does not forward "mark as paid" to Procountor. */
export class MarkPaidForwardingOffError extends BridgeError {
  override name = 'MarkPaidForwardingOffError';
  constructor(connectionId: string) {
    super(
      409,
      'mark_paid_forwarding_off',
      `Connection ${connectionId} does not forward "mark as paid" to Procountor: turn on the setting markPaidInProcountor, or mark the invoice paid in Procountor.`,
      [{ path: 'settings.markPaidInProcountor', rule: 'enabled', message: 'must be true to forward a mark-paid' }],
    );
  }
}

/** 409 invoice_not_in_procountor: the document has no Procountor invoice yet (not transferred, or failed). */
export class InvoiceNotInProcountorError extends BridgeError {
  override name = 'InvoiceNotInProcountorError';
  constructor(externalId: string, state: string) {
    super(
      409,
      'invoice_not_in_procountor',
      `Document ${externalId} is not in Procountor yet (transfer state ${state}); only a transferred invoice can be marked paid.`,
      [{ path: 'externalId', rule: 'transferred', message: `transfer state is ${state}, not succeeded` }],
    );
  }
}

/** 409 already_paid: no amount given and nothing is open on the invoice. */
export class AlreadyPaidError extends BridgeError {
  override name = 'AlreadyPaidError';
  constructor(externalId: string) {
    super(
      409,
      'already_paid',
      `Document ${externalId} is already paid in full; send an amount to record another payment.`,
      [{ path: 'amount', rule: 'open_amount', message: 'nothing is open; give the amount explicitly' }],
    );
  }
}

/** 409 mark_paid_conflict: the same paymentId with another request, or one whose outcome is still unknown. */
export class MarkPaidConflictError extends BridgeError {
  override name = 'MarkPaidConflictError';
  constructor(paymentId: string, why: 'different_request' | 'outcome_unknown') {
    super(
      409,
      'mark_paid_conflict',
      why === 'different_request'
        ? `paymentId ${paymentId} was already used for another amount, date or method; use a new paymentId.`
        : `The mark-paid with paymentId ${paymentId} is still being sent, or reached Procountor with no answer; the bridge does not send it again so the payment cannot be recorded twice. Check GET …/payments after the next reconciliation.`,
      [
        {
          path: 'paymentId',
          rule: why === 'different_request' ? 'same_request' : 'outcome_known',
          message:
            why === 'different_request' ? 'already used for another request' : 'outcome of the earlier try unknown',
        },
      ],
    );
  }
}

/** 422 procountor_refused_mark_paid: Procountor answered the markpaid with an error (status, closed period…). */
export class ProcountorRefusedMarkPaidError extends BridgeError {
  override name = 'ProcountorRefusedMarkPaidError';
  constructor(message: string, details: { path: string; rule: string; message: string }[]) {
    super(422, 'procountor_refused_mark_paid', `Procountor refused the payment: ${message}`, details);
  }
}
