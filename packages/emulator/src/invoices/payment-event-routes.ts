// Payment events: GET list and one, DELETE (marked-paid only), PUT paymentevents/markpaid, and GET
// /payments/paymentevents across invoices (contract).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { parseBatchIds } from '../http/batch-ids';
import { contractViolations } from '../http/contract-validator';
import { orderAndSkipToPreviousId, pageOf, parseIdOrder, parseIntegerParam, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { CLOSED_FISCAL_PERIOD, isInClosedFiscalPeriod } from '../ledger-receipts/fiscal-periods';
import { recordMfaTransaction } from '../payments/mfa-transactions';
import type { PaymentEvent } from '../state/contract-types';
import { bookPayment, paymentEventsOf, removePaymentEvent } from './invoice-payments';
import { findInvoiceOr404 } from './invoice-records';
import { isPayableStatus } from './invoice-statuses';

type Params = { invoiceId: string };
type MarkPaidBody = {
  paymentDate: string;
  amount: number;
  currency: string;
  description?: string;
  paymentMethodType?: string;
};

/** Contract PUT markpaid: "Supported invoice types: SALES_INVOICE, PURCHASE_INVOICE, TRAVEL_INVOICE, … BILL_OF_CHARGES". */
const MARKPAID_TYPES = new Set([
  'SALES_INVOICE',
  'PURCHASE_INVOICE',
  'TRAVEL_INVOICE',
  'PERIODIC_TAX_RETURN',
  'BILL_OF_CHARGES',
]);

/** MarkInvoiceAsPaid.paymentMethodType → PaymentEvent.type (mapping is an assumption; ELSEWHERE when not given). */
const EVENT_TYPE: Record<string, NonNullable<PaymentEvent['type']>> = {
  ADJUSTMENT: 'ADJUSTMENT',
  BANK_STATEMENT: 'BANKSTATEMENT',
  CASH: 'CASH',
  CHARGE_CARD: 'CHARGECARD',
  CORRECTION: 'CORRECTION',
  CREDIT_LOSS: 'CREDITLOSS',
  CREDIT_NOTE: 'COMPENSATIONINVOICE',
  EXTERNAL_BANK_TRANSFER: 'BANKTRANSFERELSEWHERE',
  SET_OFF: 'SETOFF',
};

/**
 * GET /payments/paymentevents answers the contract's PaymentSearchResult, whose entries are
 * BasicPaymentTransactionData: a payment event without its type, currency and description.
 */
function toBasicPaymentTransactionData(event: PaymentEvent) {
  return {
    id: event.id,
    invoiceId: event.invoiceId,
    paymentDate: event.paymentDate,
    amount: event.amount,
    status: event.status,
    paidAmount: event.paidAmount,
    paidCurrency: event.paidCurrency,
  };
}

function findEventOr404(events: PaymentEvent[], rawId: string): PaymentEvent {
  const event = events.find((candidate) => String(candidate.id) === rawId);
  // Contract 404: "Payment event or invoice related to payment event not found".
  if (!event) throw ProcountorApiError.notFound('Payment event');
  return event;
}

export function registerPaymentEventRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Contract GetPaymentEvents: `invoiceId` required, "comma-separated … Max 200 ids per request"; paged by payment id.
  // Ids of unknown invoices (or another company's) are left out rather than refused (assumption: the contract lists
  // no 404 for it). Without orderById the events come oldest first (assumption: the contract gives no default).
  app.get('/api/payments/paymentevents', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    const raw = query.invoiceId;
    if (raw === undefined || raw === '') throw ProcountorApiError.badRequest('invoiceId', 'must not be null');
    const invoiceIds = parseBatchIds((Array.isArray(raw) ? raw : [raw]).map(String).join(','), 'invoiceId');
    const pageRequest = parsePageRequest(query);
    const events = invoiceIds.flatMap((invoiceId) => paymentEventsOf(company, invoiceId));
    const ordered = orderAndSkipToPreviousId(
      events,
      (event) => event.id!,
      parseIdOrder(query, 'ASC'),
      parseIntegerParam(query, 'previousId'),
    );
    const page = pageOf(ordered, pageRequest);
    return { results: page.results.map(toBasicPaymentTransactionData), meta: page.meta };
  });

  app.get<{ Params: Params }>('/api/invoices/:invoiceId/paymentevents', async (request) => {
    const company = companyOf(request, context);
    const invoice = findInvoiceOr404(company, request.params.invoiceId);
    const query = request.query as Record<string, unknown>;
    const pageRequest = parsePageRequest(query);
    const ordered = orderAndSkipToPreviousId(
      paymentEventsOf(company, invoice.id!),
      (event) => event.id!,
      parseIdOrder(query, 'DESC'),
      parseIntegerParam(query, 'previousId'),
    );
    return pageOf(ordered, pageRequest);
  });

  app.get<{ Params: Params & { paymentEventId: string } }>(
    '/api/invoices/:invoiceId/paymentevents/:paymentEventId',
    async (request) => {
      const company = companyOf(request, context);
      const invoice = findInvoiceOr404(company, request.params.invoiceId);
      return findEventOr404(paymentEventsOf(company, invoice.id!), request.params.paymentEventId);
    },
  );

  app.delete<{ Params: Params & { paymentEventId: string } }>(
    '/api/invoices/:invoiceId/paymentevents/:paymentEventId',
    async (request, reply) => {
      const company = companyOf(request, context);
      const invoice = findInvoiceOr404(company, request.params.invoiceId);
      const event = findEventOr404(paymentEventsOf(company, invoice.id!), request.params.paymentEventId);
      // Contract: only "a payment event which is not actually related to paying through the software i.e. with the
      // status 'marked paid'"; others → 403 "payment in a wrong status".
      if (event.status !== 'MARKED_PAID') {
        throw ProcountorApiError.single(
          403,
          `Payment event ${event.id} has status ${event.status}; only MARKED_PAID events can be removed here`,
          'status',
        );
      }
      removePaymentEvent(context, company, invoice, event.id!, 'api');
      // Contract answers 202 with a 2-factor TransactionIdentifier; the emulator confirms at once (assumption).
      const info = `Payment event ${event.id} removed`;
      return reply.status(202).send(recordMfaTransaction(context, company.id, { info }));
    },
  );

  app.put<{ Params: Params }>('/api/invoices/:invoiceId/paymentevents/markpaid', async (request) => {
    const company = companyOf(request, context);
    const invoice = findInvoiceOr404(company, request.params.invoiceId);
    const problems = contractViolations('MarkInvoiceAsPaid', request.body ?? null);
    const body = request.body as MarkPaidBody;
    if (problems.length === 0) {
      // MarkInvoiceAsPaid.currency: "It should always be the same as in the invoice".
      if (body.currency !== invoice.paymentInfo.currency) {
        problems.push({
          status: 400,
          field: 'currency',
          message: `must be the invoice currency ${invoice.paymentInfo.currency}`,
        });
      }
      // MarkInvoiceAsPaid.paymentDate: "Cannot be in closed financial period".
      if (isInClosedFiscalPeriod(company, body.paymentDate))
        problems.push({ status: 400, field: 'paymentDate', message: CLOSED_FISCAL_PERIOD });
      if (body.amount === 0) problems.push({ status: 400, field: 'amount', message: 'must not be zero' });
    }
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    if (!MARKPAID_TYPES.has(invoice.type))
      throw ProcountorApiError.badRequest('type', `${invoice.type} cannot be marked as paid`);
    // Contract 403: "Insufficient user rights or invoice in wrong status".
    if (!isPayableStatus(invoice)) {
      throw ProcountorApiError.single(
        403,
        `Invalid invoice status ${invoice.status}: the invoice cannot be marked as paid`,
        'status',
      );
    }
    const isSales = invoice.type === 'SALES_INVOICE';
    return bookPayment(context, company, invoice, {
      amount: body.amount,
      paymentDate: body.paymentDate,
      type: (isSales && body.paymentMethodType && EVENT_TYPE[body.paymentMethodType]) || 'ELSEWHERE',
      status: 'MARKED_PAID',
      // "Used only in sales invoices".
      ...(isSales && body.description !== undefined ? { description: body.description } : {}),
    });
  });
}
