// The "Send to Procountor" confirmation of a waiting transfer: for a sales or credit invoice it shows the number
// Procountor will most likely give it, said to be a prediction (docs/transfers.md "The next invoice number").
import type { NextInvoiceNumber, Transfer } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

/** Sales and credit invoices take Procountor's sales invoice numbers; other kinds get no prediction. */
const NUMBERED_KINDS = ['sales_invoice', 'credit_invoice'];

export function SendToProcountorDialog({
  connectionId,
  transfer,
  busy,
  onSend,
  onCancel,
}: {
  connectionId: string;
  transfer: Transfer;
  busy: boolean;
  onSend: () => void;
  onCancel: () => void;
}) {
  const { t, kindName } = useI18n();
  const numbered = NUMBERED_KINDS.includes(transfer.kind);
  // Read each time the dialog opens; the bridge keeps a reading for 30 s, so reopening it costs Procountor nothing.
  const next = useApi<NextInvoiceNumber>(numbered ? `/v1/connections/${connectionId}/next-invoice-number` : null);
  const predicted = next.data?.predictedInvoiceNumber;
  return (
    <div className="card confirm" role="dialog" aria-labelledby="send-dialog-title">
      <h2 id="send-dialog-title">
        {t('sendConfirm', {
          document: `${kindName(transfer.kind)} ${transfer.sourceInvoiceNumber ?? transfer.externalId}`,
        })}
      </h2>
      {numbered && (
        <>
          <p data-testid="next-invoice-number">
            {next.loading
              ? t('nextNumberLoading')
              : next.error
                ? t('nextNumberUnavailable')
                : predicted != null
                  ? t('nextNumberPredicted', { number: String(predicted) })
                  : t('nextNumberNone')}
          </p>
          <p className="field-help">{t('nextNumberCaveat')}</p>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onSend}>
          {t('sendYes')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
