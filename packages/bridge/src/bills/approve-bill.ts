// Approves a received bill in Procountor for the source ("Approve in Procountor", as Taimer's integration offers),
// never twice.
import { OutcomeUnknownError, type ProcountorClient, ProcountorNotFoundError } from '@procountor-bridge/client';
import { BridgeError, NotFoundError } from '../errors/bridge-error';
import { APPROVED_OR_LATER_STATUSES } from '../purchase-invoices/purchase-invoice-statuses';

/** Statuses at or past approval: approving again is a no-op that answers `alreadyApproved`. */
const APPROVED_OR_LATER = new Set<string>(APPROVED_OR_LATER_STATUSES);
/** Procountor approves purchase invoices from these (emulator README, status rules). */
const APPROVABLE = new Set(['UNFINISHED', 'RECEIVED', 'VERIFIED']);

export class BillNotApprovableError extends BridgeError {
  override name = 'BillNotApprovableError';
  constructor(invoiceId: number, status: string) {
    super(
      409,
      'bill_not_approvable',
      `Bill ${invoiceId} is ${status} in Procountor; only an unfinished, received or verified bill can be approved.`,
      [{ path: 'status', rule: 'approvable_status', message: `status is ${status}` }],
    );
  }
}

export interface ApproveBillResult {
  procountorInvoiceId: number;
  procountorStatus: string;
  alreadyApproved: boolean;
}

export async function approveBill(
  client: ProcountorClient,
  invoiceId: number,
  comment?: string,
): Promise<ApproveBillResult> {
  const invoice = await client.invoices.get(invoiceId).catch((error: unknown) => {
    if (error instanceof ProcountorNotFoundError) throw new NotFoundError(`Bill ${invoiceId}`);
    throw error;
  });
  if (invoice.type !== 'PURCHASE_INVOICE') throw new NotFoundError(`Bill ${invoiceId}`);
  const status = invoice.status ?? 'UNFINISHED';
  if (APPROVED_OR_LATER.has(status))
    return { procountorInvoiceId: invoiceId, procountorStatus: status, alreadyApproved: true };
  if (!APPROVABLE.has(status)) throw new BillNotApprovableError(invoiceId, status);
  try {
    await client.invoices.approve(invoiceId, comment ? { comment } : {});
  } catch (error) {
    // Sent, no answer (approve is not retried blindly, client invoices.ts): read the status before saying anything.
    if (!(error instanceof OutcomeUnknownError)) throw error;
  }
  const after = await client.invoices.get(invoiceId);
  return { procountorInvoiceId: invoiceId, procountorStatus: after.status ?? status, alreadyApproved: false };
}
