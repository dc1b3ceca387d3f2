// Decides, in one place, whether a failed step is retried later or fails the transfer (STYLE.md section 4).
import {
  AttachmentTooLargeError,
  OutcomeUnknownError,
  ProcountorAuthenticationError,
  ProcountorConnectionError,
  ProcountorError,
  ProcountorRateLimitError,
  ProcountorServerError,
} from '@procountor-bridge/client';
import { TransferRuleError } from './transfer-errors';
import type { TransferErrorInfo } from './transfer-response';

export type FailureDecision =
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'fail'; error: TransferErrorInfo };

function procountorEntries(error: ProcountorError): string {
  const entries = error.entries.map((entry) => (entry.field ? `${entry.field}: ${entry.message}` : entry.message));
  return entries.length > 0 ? entries.join('; ') : `HTTP ${error.status}`;
}

export function classifyFailure(error: unknown): FailureDecision {
  // Our own rule (partner conflict, unknown product, missing dimension…): retrying gives the same answer.
  if (error instanceof TransferRuleError) {
    return { kind: 'fail', error: { code: error.code, message: error.message, fix: error.fix } };
  }
  // Sent but unanswered: Procountor may have acted. Retry; the step looks the object up before creating again.
  if (error instanceof OutcomeUnknownError) {
    return { kind: 'retry', reason: `no answer from Procountor (${error.reason}); will look before retrying` };
  }
  // 429: Procountor asks us to slow down; wait at least as long as it says.
  if (error instanceof ProcountorRateLimitError) {
    return {
      kind: 'retry',
      reason: 'Procountor is rate limiting',
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  // 5xx (500, 502, 503, 504): Procountor or its proxy is failing; it did not refuse the document.
  if (error instanceof ProcountorServerError) {
    return { kind: 'retry', reason: `Procountor answered ${error.status}` };
  }
  // Procountor could not be reached (refused, DNS, a timeout on a safe call): the network, not the document.
  if (error instanceof ProcountorConnectionError) {
    return { kind: 'retry', reason: 'Procountor could not be reached' };
  }
  // 401 after the client's own token refresh: the API key was revoked or its user left; a human must act.
  if (error instanceof ProcountorAuthenticationError) {
    return {
      kind: 'fail',
      error: {
        code: 'procountor_authentication_failed',
        message: "Procountor refused the connection's API key.",
        explanation: error.explanation.en,
        explanationFi: error.explanation.fi,
        fix: 'Create a new API key in Procountor, update the connection with it, then retry the failed transfers.',
        procountorStatus: error.status,
      },
    };
  }
  // Any other 4xx: Procountor refused the document or an action on it; the same request would be refused again.
  if (error instanceof ProcountorError) {
    return {
      kind: 'fail',
      error: {
        code: 'procountor_refused',
        message: `Procountor refused the invoice: ${procountorEntries(error)}.`,
        explanation: error.explanation.en,
        explanationFi: error.explanation.fi,
        fix: `${error.explanation.en} Correct the document in the source and send it again (PUT), or fix the data in Procountor and resend.`,
        procountorStatus: error.status,
        procountorCodes: [...error.codes],
      },
    };
  }
  // Checked before sending; validation should have stopped it, so this is a document problem, not a transient one.
  if (error instanceof AttachmentTooLargeError) {
    return {
      kind: 'fail',
      error: {
        code: 'attachment_too_large',
        message: `Attachment ${error.fileName ?? ''} is ${error.sizeBytes} bytes; Procountor takes at most ${error.maxBytes}.`,
        fix: 'Send a smaller file (at most 10,000,000 bytes) with a corrected document.',
      },
    };
  }
  // Anything else (our database, a bug): retried a bounded number of times, then it fails with this message.
  return { kind: 'retry', reason: `unexpected error: ${(error as Error)?.message ?? String(error)}` };
}
