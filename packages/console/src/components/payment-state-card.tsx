// A transferred sales or credit invoice's payments (docs/payments.md): paid, open, and each payment with its date.
import type { PaymentState, Transfer } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import { useApi } from '../use-api';
import { ErrorMessage } from './common';

const DOCUMENT_PATHS: Record<string, string> = {
  sales_invoice: 'sales-invoices',
  credit_invoice: 'credit-invoices',
};

const ORIGIN_KEYS: Record<string, MessageKey> = {
  webhook: 'originWebhook',
  reconciliation: 'originReconciliation',
  source_mark_paid: 'originSourceMarkPaid',
};

/** Only the kinds the source is paid for, once they are in Procountor, have payments. */
export function hasPaymentState(transfer: Transfer): boolean {
  return transfer.state === 'succeeded' && transfer.kind in DOCUMENT_PATHS;
}

export function PaymentStateCard({ connectionId, transfer }: { connectionId: string; transfer: Transfer }) {
  const { t, formatAmount, formatDate, formatDateTime } = useI18n();
  const path = `/v1/connections/${connectionId}/${DOCUMENT_PATHS[transfer.kind]}/${encodeURIComponent(transfer.externalId)}/payments`;
  const { data: state, error } = useApi<PaymentState>(path);
  if (error) return <ErrorMessage error={error} />;
  if (!state) return null;
  const summary = state.fullyPaid
    ? t('paymentStatePaid')
    : state.amountPaid !== 0
      ? t('paymentStatePartly')
      : t('paymentStateOpen');
  return (
    <section className="card" aria-labelledby="payments-title" data-testid="payment-state">
      <h2 id="payments-title">
        {t('paymentState')}:{' '}
        <span className={`badge ${state.fullyPaid ? 'badge-succeeded' : 'badge-queued'}`}>{summary}</span>
      </h2>
      <dl className="facts">
        <dt>{t('amount')}</dt>
        <dd>{formatAmount(state.totalAmount, state.currency)}</dd>
        <dt>{t('amountPaid')}</dt>
        <dd data-testid="amount-paid">{formatAmount(state.amountPaid, state.currency)}</dd>
        <dt>{t('amountOpen')}</dt>
        <dd data-testid="amount-open">{formatAmount(state.amountOpen, state.currency)}</dd>
        <dt>{t('lastPaymentDate')}</dt>
        <dd>{formatDate(state.lastPaymentDate)}</dd>
        <dt>{t('lastReconciled')}</dt>
        <dd>{formatDateTime(state.lastReconciledAt)}</dd>
      </dl>
      {state.payments.length === 0 ? (
        <p className="muted">{t('noPayments')}</p>
      ) : (
        <table className="compact payments">
          <thead>
            <tr>
              <th scope="col">{t('paymentDate')}</th>
              <th scope="col">{t('amount')}</th>
              <th scope="col">{t('paymentType')}</th>
              <th scope="col">{t('paymentOrigin')}</th>
            </tr>
          </thead>
          <tbody>
            {state.payments.map((payment) => (
              <tr key={payment.procountorPaymentEventId}>
                <td>{formatDate(payment.paymentDate)}</td>
                <td>{formatAmount(payment.amount, state.currency)}</td>
                <td>{payment.paymentType ?? payment.procountorStatus}</td>
                <td>{ORIGIN_KEYS[payment.origin] ? t(ORIGIN_KEYS[payment.origin]!) : payment.origin}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
