// One transfer: state, Procountor invoice id, number and reference, the error in plain language with its fix,
// resend / cancel / "Send to Procountor" (confirmed in a dialog with the predicted invoice number), the timeline of
// steps, the payments once it is in Procountor, and the document beside what went to Procountor.
import { useEffect, useState } from 'react';
import { api, type Transfer } from '../api';
import { BridgeMessage, ErrorMessage, JsonBlock, Loading, Notice, StateBadge } from '../components/common';
import { hasPaymentState, PaymentStateCard } from '../components/payment-state-card';
import { SendToProcountorDialog } from '../components/send-to-procountor-dialog';
import { useAction } from '../components/use-action';
import { type MessageKey, useI18n } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';

/** Who the document is with: the customer of a sales invoice, the person of a travel invoice or expense claim. */
const PARTY_LABELS: Record<string, MessageKey> = {
  travel_invoice: 'person',
  expense_claim: 'person',
  purchase_invoice: 'supplier',
};

interface TransferDocument {
  document: unknown;
  procountorInvoice: unknown;
  sent: boolean;
}

export function TransferPage({ connectionId, transferId }: { connectionId: string; transferId: string }) {
  const {
    t,
    language,
    kindName,
    stepName,
    timelineKindName,
    transferFailureText,
    invoiceStatusName,
    formatDateTime,
    formatDate,
    formatAmount,
  } = useI18n();
  const base = `/v1/connections/${connectionId}/transfers/${transferId}`;
  const { data: transfer, error, loading, reload } = useApi<Transfer>(base);
  const documentView = useApi<TransferDocument>(`${base}/document`);
  const { error: actionError, notice, busy, run } = useAction();
  // Refresh also reads the payments again (a new key remounts their card).
  const [refreshes, setRefreshes] = useState(0);
  const [confirmingSend, setConfirmingSend] = useState(false);

  const act = (action: 'resend' | 'cancel' | 'send', label: string) =>
    run(
      async () => {
        await api('POST', `${base}/${action}`);
        return label;
      },
      () => {
        reload();
        documentView.reload();
      },
    );

  // While a worker has it, look again every 1.5 s: the page follows the transfer to its end.
  const running = transfer && ['queued', 'in_progress', 'retrying'].includes(transfer.state);
  const reloadDocument = documentView.reload;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      reload();
      reloadDocument();
    }, 1500);
    return () => clearInterval(timer);
  }, [running, reload, reloadDocument]);

  if (error) return <ErrorMessage error={error} />;
  if (loading && !transfer) return <Loading />;
  if (!transfer) return null;
  const lastError = transfer.lastError;
  const explanation = lastError && (language === 'fi' ? lastError.explanationFi : lastError.explanation);
  const failure = lastError && transferFailureText(lastError);
  return (
    <>
      <p>
        <Link to="/transfers">← {t('transfers')}</Link>
      </p>
      <div className="page-title">
        <h1>
          {kindName(transfer.kind)} {transfer.sourceInvoiceNumber ?? transfer.externalId}
        </h1>
        <StateBadge state={transfer.state} />
        <button
          type="button"
          onClick={() => {
            reload();
            setRefreshes((count) => count + 1);
          }}
          title={t('refresh')}
        >
          ↻ {t('refresh')}
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={actionError} />
      {lastError && failure && transfer.state !== 'succeeded' && (
        <section className="card problem" aria-labelledby="problem-title">
          <h2 id="problem-title">{t('whatWentWrong')}</h2>
          <p>
            {failure.text}
            {failure.bridgeMessage && <BridgeMessage message={failure.bridgeMessage} />}
          </p>
          {explanation && <p>{explanation}</p>}
          <h3>{t('howToFix')}</h3>
          <p className="fix">{failure.fix}</p>
          <p className="muted">
            <code>{lastError.code}</code>
            {lastError.step ? ` · ${stepName(lastError.step)}` : ''}
            {lastError.at ? ` · ${formatDateTime(lastError.at)}` : ''}
          </p>
        </section>
      )}
      <div className="actions">
        {(transfer.state === 'failed' || transfer.state === 'retrying') && (
          <button type="button" className="primary" disabled={busy} onClick={() => act('resend', t('resend'))}>
            {t('resend')}
          </button>
        )}
        {transfer.state === 'waiting_for_send' && !confirmingSend && (
          <button type="button" className="primary" disabled={busy} onClick={() => setConfirmingSend(true)}>
            {t('sendToProcountor')}
          </button>
        )}
        {['waiting_for_send', 'queued', 'retrying', 'failed'].includes(transfer.state) && (
          <button type="button" disabled={busy} onClick={() => act('cancel', t('cancelTransfer'))}>
            {t('cancelTransfer')}
          </button>
        )}
      </div>
      {transfer.state === 'waiting_for_send' && confirmingSend && (
        <SendToProcountorDialog
          connectionId={connectionId}
          transfer={transfer}
          busy={busy}
          onSend={() => {
            setConfirmingSend(false);
            act('send', t('sendToProcountor'));
          }}
          onCancel={() => setConfirmingSend(false)}
        />
      )}
      <div className="grid">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('transfer')}</h2>
          <dl className="facts">
            <dt>{t('externalId')}</dt>
            <dd>
              <code>{transfer.externalId}</code>
            </dd>
            <dt>{t(PARTY_LABELS[transfer.kind] ?? 'customer')}</dt>
            <dd>{transfer.customerName ?? t('none')}</dd>
            <dt>{t('invoiceDate')}</dt>
            <dd>{formatDate(transfer.invoiceDate)}</dd>
            <dt>{t('amount')}</dt>
            <dd>{formatAmount(transfer.totalAmount, transfer.currency)}</dd>
            <dt>{t('procountorInvoiceId')}</dt>
            <dd data-testid="procountor-invoice-id">{transfer.procountor.invoiceId ?? t('none')}</dd>
            <dt>{t('procountorInvoiceNumber')}</dt>
            <dd data-testid="procountor-invoice-number">{transfer.procountor.invoiceNumber ?? t('none')}</dd>
            <dt>{t('referenceCode')}</dt>
            <dd>{transfer.procountor.referenceCode ?? t('none')}</dd>
            <dt>{t('procountorStatus')}</dt>
            <dd>{transfer.procountor.status ? invoiceStatusName(transfer.procountor.status) : t('none')}</dd>
            <dt>{t('currentStep')}</dt>
            <dd>
              {`${transfer.currentStep ? stepName(transfer.currentStep) : t('none')} (${transfer.completedSteps.length}/${transfer.totalSteps})`}
            </dd>
            <dt>{t('attempts')}</dt>
            <dd>{transfer.attempts}</dd>
            {transfer.nextAttemptAt && (
              <>
                <dt>{t('nextAttempt')}</dt>
                <dd>{formatDateTime(transfer.nextAttemptAt)}</dd>
              </>
            )}
            {transfer.creditsTransferId && (
              <>
                <dt>{t('credits')}</dt>
                <dd>
                  <Link to={`/connections/${connectionId}/transfers/${transfer.creditsTransferId}`}>
                    {transfer.creditsTransferId}
                  </Link>
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('timeline')}</h2>
          <table className="compact timeline">
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('event')}</th>
              </tr>
            </thead>
            <tbody>
              {(transfer.timeline ?? []).map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows at its end, so an index is stable.
                <tr key={`${entry.at}-${index}`} className={`timeline-${entry.kind}`}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.step ? stepName(entry.step) : ''}</td>
                  <td>
                    <span className="timeline-kind">{timelineKindName(entry.kind)}</span>
                    {entry.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {hasPaymentState(transfer) && (
        <PaymentStateCard key={refreshes} connectionId={connectionId} transfer={transfer} />
      )}
      {documentView.data && (
        <div className="grid">
          <section className="card" aria-labelledby="document-title">
            <h2 id="document-title">{t('canonicalDocument')}</h2>
            <JsonBlock value={documentView.data.document} label={t('canonicalDocument')} />
          </section>
          {documentView.data.procountorInvoice !== null && (
            <section className="card" aria-labelledby="sent-title">
              <h2 id="sent-title">{documentView.data.sent ? t('sentToProcountor') : t('willBeSent')}</h2>
              <JsonBlock
                value={documentView.data.procountorInvoice}
                label={documentView.data.sent ? t('sentToProcountor') : t('willBeSent')}
              />
            </section>
          )}
        </div>
      )}
    </>
  );
}
