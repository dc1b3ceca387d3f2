// /payments (outgoing payments of invoices): pay, search, read one, cancel, remove, the payment error messages, and the
// results of their multi-factor confirmed actions (GET /mfatransactionresult/{id}, deprecated PUT …/confirm).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { orderAndSkipToPreviousId, pageOf, parseIdOrder, parseIntegerParam, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { dateParam, enumListParam, listParam } from '../invoices/search-query';
import { readMfaTransaction, recordMfaTransaction } from './mfa-transactions';
import {
  cancelPayment,
  findPaymentOr404,
  outgoingPaymentsOf,
  paymentErrorMessagesOf,
  queuePayment,
  removePayment,
  toBasicPaymentTransactionData,
  toPaymentRowInfo,
} from './outgoing-payments';
import { registerPaymentAdminRoutes } from './payment-admin-routes';
import { validateInvoicePayments } from './validate-invoice-payments';

type Query = Record<string, unknown>;

function invoiceIdsParam(query: Query): Set<number> | undefined {
  const values = listParam(query, 'invoiceId');
  if (!values) return undefined;
  const bad = values.find((value) => !/^\d+$/.test(value));
  if (bad !== undefined) throw ProcountorApiError.badRequest('invoiceId', `must be a list of invoice ids: '${bad}'`);
  return new Set(values.map(Number));
}

export function registerPaymentRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Contract PayInvoices: all or none; 202 with the 2-factor transaction whose result lists the payment ids.
  app.post('/api/payments', async (request, reply) => {
    const company = companyOf(request, context);
    const validated = validateInvoicePayments(company, context.today(), request.body);
    const transactions = validated.map(({ invoice, payment }) => ({
      paymentId: queuePayment(context, company, invoice, payment).id,
      invoiceId: invoice.id!,
    }));
    return reply.status(202).send(recordMfaTransaction(context, company.id, { invoicePayments: transactions }));
  });

  // Contract GetPaymentRows: value date range, invoice ids, keyset by payment id (oldest first unless orderById says).
  app.get('/api/payments', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Query;
    const startDate = dateParam(query, 'startDate');
    const endDate = dateParam(query, 'endDate');
    const invoiceIds = invoiceIdsParam(query);
    const pageRequest = parsePageRequest(query);
    const matching = [...outgoingPaymentsOf(company).values()].filter(
      (payment) =>
        (!startDate || payment.paymentDate >= startDate) &&
        (!endDate || payment.paymentDate <= endDate) &&
        (!invoiceIds || invoiceIds.has(payment.invoiceId)),
    );
    const ordered = orderAndSkipToPreviousId(
      matching,
      (payment) => payment.id,
      parseIdOrder(query, 'ASC'),
      parseIntegerParam(query, 'previousId'),
    );
    const page = pageOf(ordered, pageRequest);
    return { results: page.results.map(toBasicPaymentTransactionData), meta: page.meta };
  });

  app.get('/api/payments/errormessages', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Query;
    const start = dateParam(query, 'createdStartDate');
    const end = dateParam(query, 'createdEndDate');
    const types = enumListParam(query, 'type', ['PAYMENT_ERROR', 'NETS_COLLECTION_ERROR'] as const);
    const status = enumListParam(query, 'status', ['ALL', 'UNHANDLED', 'HANDLED'] as const);
    const pageRequest = parsePageRequest(query);
    const matching = paymentErrorMessagesOf(company).filter(
      (message) =>
        (!start || message.createdDate! >= start) &&
        (!end || message.createdDate! <= end) &&
        (!types || types.has(message.type as 'PAYMENT_ERROR')) &&
        (!status || status.has('ALL') || status.has(message.status as 'UNHANDLED')),
    );
    const ordered = orderAndSkipToPreviousId(
      matching,
      (message) => message.id!,
      parseIdOrder(query, 'ASC'),
      parseIntegerParam(query, 'previousId'),
    );
    return pageOf(ordered, pageRequest);
  });

  app.get<{ Params: { paymentId: string } }>('/api/payments/:paymentId', async (request) => {
    const company = companyOf(request, context);
    return toPaymentRowInfo(findPaymentOr404(company, request.params.paymentId));
  });

  app.put<{ Params: { paymentId: string } }>('/api/payments/:paymentId/cancel', async (request, reply) => {
    const company = companyOf(request, context);
    cancelPayment(context, company, findPaymentOr404(company, request.params.paymentId));
    const info = `Payment ${request.params.paymentId} cancelled`;
    return reply.status(202).send(recordMfaTransaction(context, company.id, { info }));
  });

  app.delete<{ Params: { paymentId: string } }>('/api/payments/:paymentId', async (request, reply) => {
    const company = companyOf(request, context);
    removePayment(context, company, findPaymentOr404(company, request.params.paymentId));
    const info = `Payment ${request.params.paymentId} removed`;
    return reply.status(202).send(recordMfaTransaction(context, company.id, { info }));
  });

  // Contract GetMfaTransactionResult: MfaTransactionResult, one field set by the kind of action.
  app.get<{ Params: { transactionIdentifier: string } }>(
    '/api/mfatransactionresult/:transactionIdentifier',
    async (request) => {
      const company = companyOf(request, context);
      const result = readMfaTransaction(context, company.id, request.params.transactionIdentifier);
      return 'invoicePayments' in result
        ? { invoicePayments: { transactions: result.invoicePayments } }
        : { info: { message: result.info } };
    },
  );

  // Contract Confirm1 (deprecated): PaymentsConfirmationResponseModels, named after the response models.
  app.put<{ Params: { transactionIdentifier: string } }>(
    '/api/payments/:transactionIdentifier/confirm',
    async (request) => {
      const company = companyOf(request, context);
      const result = readMfaTransaction(context, company.id, request.params.transactionIdentifier);
      return 'invoicePayments' in result
        ? { InvoicePaymentSummaries: { transactions: result.invoicePayments } }
        : { InfoMessage: { message: result.info } };
    },
  );

  registerPaymentAdminRoutes(app, context);
}
