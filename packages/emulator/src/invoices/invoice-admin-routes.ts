// Emulator-only admin paths for invoices: bank payments and their removal, supplier-sent purchase invoices,
// approval-status moves.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { withoutIgnoredProperties } from '../http/drop-ignored-properties';
import { ProcountorApiError } from '../http/procountor-error';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { changeInvoiceStatus } from './change-invoice-status';
import { insertInvoice } from './create-invoice-route';
import { bookPayment, removePaymentEvent } from './invoice-payments';
import { actionReaching, isPayableStatus } from './invoice-statuses';
import type { InvoiceStatus } from './invoice-types';
import { isSalesType } from './invoice-types';
import { invoiceViolations } from './validate-invoice';

type Params = { invoiceId: string };

/** Invoice ids are unique across the emulator, so an admin path needs no company. */
function findInvoiceAnywhere(context: EmulatorContext, rawId: string): { company: CompanyData; invoice: Invoice } {
  const id = Number(rawId);
  for (const company of context.state.companies.values()) {
    const invoice = company.invoices.get(id);
    if (invoice) return { company, invoice };
  }
  throw ProcountorApiError.notFound('Invoice');
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ProcountorApiError.badRequest(undefined, 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function registerInvoiceAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // A payment arrives from the bank: a payment event, PAID or PARTLY_PAID, INVOICE_PAYMENT_CREATED webhooks.
  app.post<{ Params: Params }>('/_emulator/invoices/:invoiceId/bank-payments', async (request) => {
    const { company, invoice } = findInvoiceAnywhere(context, request.params.invoiceId);
    const body = objectBody(request.body);
    const problems: Array<{ field: string; message: string }> = [];
    if (typeof body.amount !== 'number' || body.amount === 0)
      problems.push({ field: 'amount', message: 'must be a non-zero number' });
    const date = body.date ?? context.today();
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      problems.push({ field: 'date', message: 'must be a date (yyyy-MM-dd)' });
    if (problems.length > 0) throw ProcountorApiError.validation(problems);
    if (!isPayableStatus(invoice)) {
      throw ProcountorApiError.badRequest(
        'status',
        `Invalid invoice status ${invoice.status}: the invoice cannot receive payments`,
      );
    }
    const paymentEvent = bookPayment(context, company, invoice, {
      amount: body.amount as number,
      paymentDate: date as string,
      // Sales invoices are paid with the reference code; the company's own payments show on the bank statement.
      type: isSalesType(invoice.type) ? 'REFERENCEPAYMENT' : 'BANKSTATEMENT',
      status: 'PAID',
    });
    return { paymentEvent, invoiceStatus: invoice.status };
  });

  // A user removes a payment in Procountor (a bank allocation undone, a marked payment deleted): PAYMENT_DELETED.
  app.delete<{ Params: Params & { paymentEventId: string } }>(
    '/_emulator/invoices/:invoiceId/payment-events/:paymentEventId',
    async (request) => {
      const { company, invoice } = findInvoiceAnywhere(context, request.params.invoiceId);
      const paymentEventId = Number(request.params.paymentEventId);
      const removed = Number.isInteger(paymentEventId)
        ? removePaymentEvent(context, company, invoice, paymentEventId, 'user')
        : undefined;
      if (!removed) throw ProcountorApiError.notFound('Payment event');
      return { removedPaymentEvent: removed, invoiceStatus: invoice.status };
    },
  );

  // A supplier sends a purchase invoice to the company (e-invoice or scan): it arrives as RECEIVED.
  app.post('/_emulator/purchase-invoices', async (request) => {
    const body = objectBody(request.body);
    const company = context.state.companies.get(Number(body.companyId));
    if (!company) throw ProcountorApiError.badRequest('companyId', `no company with id ${String(body.companyId)}`);
    // The same body as POST /api/invoices takes, unknown properties dropped as there.
    const invoice = withoutIgnoredProperties('Invoice', objectBody(body.invoice)) as Invoice;
    if (invoice.type !== 'PURCHASE_INVOICE')
      throw ProcountorApiError.badRequest('invoice.type', 'must be PURCHASE_INVOICE');
    const problems = invoiceViolations(company, invoice, 'create');
    if (problems.length > 0) {
      throw new ProcountorApiError(
        400,
        problems.map((entry) => ({ ...entry, ...(entry.field ? { field: `invoice.${entry.field}` } : {}) })),
      );
    }
    return insertInvoice(context, company, invoice, 'RECEIVED');
  });

  // Moves an invoice along the approval statuses, by the same rules as the API's actions (400 when not allowed).
  app.post<{ Params: Params }>('/_emulator/invoices/:invoiceId/status', async (request) => {
    const { company, invoice } = findInvoiceAnywhere(context, request.params.invoiceId);
    const status = objectBody(request.body).status;
    if (typeof status !== 'string') throw ProcountorApiError.badRequest('status', 'must not be null');
    if (['PAID', 'PARTLY_PAID', 'MARKED_PAID'].includes(status)) {
      throw ProcountorApiError.badRequest('status', `${status} follows from payments: use bank-payments or markpaid`);
    }
    const action = actionReaching(invoice, status as InvoiceStatus);
    if (!action) {
      throw ProcountorApiError.badRequest(
        'status',
        `no action leads a ${invoice.type} to ${status} (current status ${invoice.status})`,
      );
    }
    return changeInvoiceStatus(context, company, invoice, action, { refusalStatus: 400 });
  });
}
