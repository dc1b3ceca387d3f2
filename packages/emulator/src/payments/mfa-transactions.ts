// Actions Procountor confirms with multi-factor authentication (payments, their cancellation and removal, removal of a
// payment event): a 202 with a transaction identifier, then the result from GET /mfatransactionresult/{id} or the
// deprecated PUT /payments/{id}/confirm.
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import type { EmulatorState, MfaTransaction } from '../state/emulator-state';

/** Contract 408 of the confirmation: "Transaction expired. Expiration time: 5 minutes." */
export const MFA_EXPIRY_MS = 5 * 60_000;
/** Expired transactions are kept this long, so a late reader gets 408 rather than 404. */
const KEPT_MS = 60 * 60_000;

/** What the 202 answers (contract TransactionIdentifier). */
export interface TransactionIdentifier {
  transactionIdentifier: string;
  confirmationApp: string;
}

/** Absent in state files saved before the emulator kept MFA transactions. */
function transactionsOf(state: EmulatorState): Map<string, MfaTransaction> {
  state.mfaTransactions ??= new Map();
  return state.mfaTransactions;
}

/**
 * Records an action the emulator has already carried out: there is no user to confirm it in an app, so it counts as
 * confirmed at once (assumption, README "Outgoing payments"). Transactions older than an hour are dropped on the way.
 */
export function recordMfaTransaction(
  context: EmulatorContext,
  companyId: number,
  result: MfaTransaction['result'],
): TransactionIdentifier {
  const transactions = transactionsOf(context.state);
  const now = context.now();
  for (const [id, transaction] of transactions) {
    if (now - transaction.createdAtMs > KEPT_MS) transactions.delete(id);
  }
  const transactionIdentifier = randomUUID();
  transactions.set(transactionIdentifier, { transactionIdentifier, companyId, createdAtMs: now, result });
  context.markChanged();
  return { transactionIdentifier, confirmationApp: 'EMULATOR' };
}

/**
 * The result of a transaction, once: 404 unknown, 403 another company's ("Transaction not belong to the user"),
 * 409 already read ("Transaction already processed"), 408 unread for more than 5 minutes.
 */
export function readMfaTransaction(
  context: EmulatorContext,
  companyId: number,
  transactionIdentifier: string,
): MfaTransaction['result'] {
  const transaction = transactionsOf(context.state).get(transactionIdentifier);
  if (!transaction) throw ProcountorApiError.notFound('Transaction');
  if (transaction.companyId !== companyId)
    throw ProcountorApiError.single(403, 'The transaction does not belong to the user');
  if (transaction.readAtMs !== undefined) throw ProcountorApiError.single(409, 'Transaction already processed');
  const now = context.now();
  if (now - transaction.createdAtMs > MFA_EXPIRY_MS) throw ProcountorApiError.single(408, 'Transaction expired');
  transaction.readAtMs = now;
  context.markChanged();
  return transaction.result;
}
