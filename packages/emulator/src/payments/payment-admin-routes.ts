// Emulator-only: the bank's side of an outgoing payment (picked up, paid, refused), which no API call can cause.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import type { CompanyData, OutgoingPayment } from '../state/emulator-state';
import { outgoingPaymentsOf, settlePayment, toPaymentRowInfo } from './outgoing-payments';

const OUTCOMES = ['PAYMENT_SENT_TO_BANK', 'PAID', 'PAYMENT_DENIED'] as const;

/** Payment ids are unique across the emulator, so the admin path needs no company. */
function findPaymentAnywhere(
  context: EmulatorContext,
  rawId: string,
): { company: CompanyData; payment: OutgoingPayment } {
  for (const company of context.state.companies.values()) {
    const payment = outgoingPaymentsOf(company).get(Number(rawId));
    if (payment) return { company, payment };
  }
  throw ProcountorApiError.notFound('Payment');
}

export function registerPaymentAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.post<{ Params: { paymentId: string } }>('/_emulator/payments/:paymentId/status', async (request) => {
    const { company, payment } = findPaymentAnywhere(context, request.params.paymentId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const status = body.status as (typeof OUTCOMES)[number];
    if (!OUTCOMES.includes(status))
      throw ProcountorApiError.badRequest('status', `must be one of ${OUTCOMES.join(', ')}`);
    const date = body.date ?? context.today();
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw ProcountorApiError.badRequest('date', 'must be a date (yyyy-MM-dd)');
    const errorCode = body.errorCode ?? 'PAYMENT_REJECTED_BY_BANK';
    if (typeof errorCode !== 'string' || errorCode === '')
      throw ProcountorApiError.badRequest('errorCode', 'must be a non-empty string');
    settlePayment(
      context,
      company,
      payment,
      status === 'PAID' ? { status, date } : status === 'PAYMENT_DENIED' ? { status, errorCode } : { status },
    );
    return { payment: toPaymentRowInfo(payment), invoiceStatus: company.invoices.get(payment.invoiceId)?.status };
  });
}
