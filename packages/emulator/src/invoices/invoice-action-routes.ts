// PUT /api/invoices/{id}/approve, verify, send, sendToCirculation, invalidate, unfinished, reject and notes.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { contractViolations } from '../http/contract-validator';
import { ProcountorApiError } from '../http/procountor-error';
import { syncInvoiceLedgerReceipt } from '../ledger-receipts/invoice-ledger-receipt';
import { changeInvoiceStatus } from './change-invoice-status';
import { findInvoiceOr404, nextVersion } from './invoice-records';
import type { InvoiceAction } from './invoice-statuses';
import { isSalesType } from './invoice-types';

type Params = { invoiceId: string };

/** Actions whose request body is a CheckingEvent (contract: approve, verify, reject; "requestBody required"). */
const WITH_CHECKING_EVENT: ReadonlySet<InvoiceAction> = new Set(['approve', 'verify', 'reject']);

/** Contract InfoMessage texts are not documented; these are the emulator's (assumption). */
const DONE_MESSAGE: Partial<Record<InvoiceAction, string>> = {
  approve: 'The invoice was successfully approved.',
  verify: 'The invoice was successfully verified.',
  send: 'Request to send the invoice processed correctly.',
  sendToCirculation: 'The invoice was successfully send to circulation.',
  invalidate: 'The invoice was successfully marked as invalidated.',
  unfinished: 'The invoice was successfully marked as unfinished.',
  reject: 'The invoice was successfully rejected.',
};

function checkingComment(body: unknown, ignoreComment: boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ProcountorApiError.badRequest(
      undefined,
      'The request body must be a CheckingEvent object, e.g. {"comment": ""}',
    );
  }
  if (ignoreComment) return undefined;
  const problems = contractViolations('CheckingEvent', body);
  if (problems.length > 0) throw new ProcountorApiError(400, problems);
  return (body as { comment?: string }).comment;
}

export function registerInvoiceActionRoutes(app: FastifyInstance, context: EmulatorContext): void {
  for (const action of Object.keys(DONE_MESSAGE) as InvoiceAction[]) {
    app.put<{ Params: Params }>(`/api/invoices/:invoiceId/${action}`, async (request) => {
      const company = companyOf(request, context);
      const invoice = findInvoiceOr404(company, request.params.invoiceId);
      // Contract PUT /approve: "for sales invoice comment will be ignored" (so neither checked nor recorded).
      const ignoreComment = action === 'approve' && isSalesType(invoice.type);
      const comment = WITH_CHECKING_EVENT.has(action) ? checkingComment(request.body, ignoreComment) : undefined;
      changeInvoiceStatus(context, company, invoice, action, { ...(comment ? { comment } : {}) });
      return { message: DONE_MESSAGE[action] };
    });
  }

  // Contract PUT /notes: "can be modified regardless of the invoice status"; BILL_OF_CHARGES, PURCHASE_INVOICE,
  // SALES_INVOICE and TRAVEL_INVOICE only (400 otherwise).
  app.put<{ Params: Params }>('/api/invoices/:invoiceId/notes', async (request) => {
    const company = companyOf(request, context);
    const invoice = findInvoiceOr404(company, request.params.invoiceId);
    const problems = contractViolations('InvoiceNotes', request.body ?? null);
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    if (!['BILL_OF_CHARGES', 'PURCHASE_INVOICE', 'SALES_INVOICE', 'TRAVEL_INVOICE'].includes(invoice.type)) {
      throw ProcountorApiError.badRequest('type', `notes cannot be updated on a ${invoice.type}`);
    }
    invoice.notes = (request.body as { notes: string }).notes;
    invoice.version = nextVersion(context, company);
    syncInvoiceLedgerReceipt(company, invoice);
    context.markChanged();
    return { message: 'The invoice notes were successfully updated.' };
  });
}
