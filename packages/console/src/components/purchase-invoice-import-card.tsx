// The connection's purchase invoice import (docs/purchase-invoices.md): on a schedule or not, the statuses, the
// interval, what the last run did, and "Import now".
import { type FormEvent, useEffect, useState } from 'react';
import { api, type ImportRun, type ImportSettings } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';
import { ErrorMessage, Field, Notice } from './common';
import { useAction } from './use-action';

/** The statuses an import may start from (IMPORTABLE_STATUSES in the bridge), in Procountor's order. */
const IMPORTABLE_STATUSES = [
  'RECEIVED',
  'VERIFIED',
  'APPROVED',
  'PAYMENT_QUEUED',
  'PAYMENT_SENT_TO_BANK',
  'PARTLY_PAID',
  'PAID',
  'MARKED_PAID',
];

export function PurchaseInvoiceImportCard({ connectionId, active }: { connectionId: string; active: boolean }) {
  const { t, invoiceStatusName, formatDateTime } = useI18n();
  const path = `/v1/connections/${connectionId}/purchase-invoice-import`;
  const settings = useApi<ImportSettings>(path);
  const action = useAction();
  const [form, setForm] = useState<{ enabled: boolean; statuses: string[]; intervalMinutes: number }>();
  useEffect(() => {
    if (settings.data) {
      const { enabled, statuses, intervalMinutes } = settings.data;
      setForm({ enabled, statuses, intervalMinutes });
    }
  }, [settings.data]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api('PUT', path, form);
      return t('saved');
    }, settings.reload);
  };
  const importNow = () =>
    action.run(async () => {
      const run = await api<ImportRun>('POST', `${path}/runs`);
      return `${t('importResult', {
        imported: run.imported,
        waiting: run.waitingForProject,
        already: run.alreadyImported,
        seen: run.seen,
      })}${run.reason ? ` (${run.reason})` : ''}`;
    }, settings.reload);
  const toggleStatus = (status: string, on: boolean) =>
    setForm(
      (current) =>
        current && {
          ...current,
          statuses: on
            ? IMPORTABLE_STATUSES.filter((item) => item === status || current.statuses.includes(item))
            : current.statuses.filter((item) => item !== status),
        },
    );

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('purchaseInvoiceImport')}</h2>
      <p className="field-help">{t('purchaseInvoiceImportHelp')}</p>
      <ErrorMessage error={settings.error} />
      {form && (
        <form onSubmit={save}>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
            />
            <span>{t('importEnabled')}</span>
          </label>
          <fieldset>
            <legend>{t('importStatuses')}</legend>
            {IMPORTABLE_STATUSES.map((status) => (
              <label key={status} className="inline-field">
                <input
                  type="checkbox"
                  checked={form.statuses.includes(status)}
                  onChange={(event) => toggleStatus(status, event.target.checked)}
                />
                <span>{invoiceStatusName(status)}</span>
              </label>
            ))}
          </fieldset>
          <Field label={t('importInterval')}>
            <input
              type="number"
              min={1}
              max={1440}
              required
              value={form.intervalMinutes}
              onChange={(event) => setForm({ ...form, intervalMinutes: Number(event.target.value) })}
            />
          </Field>
          <p className="muted">
            {t('importLastRun')}: {formatDateTime(settings.data?.lastRunAt)}
          </p>
          {action.notice && <Notice>{action.notice}</Notice>}
          <ErrorMessage error={action.error} />
          <div className="actions">
            <button type="submit" disabled={action.busy}>
              {t('saveImportSettings')}
            </button>
            <button type="button" disabled={action.busy || !active} onClick={importNow}>
              {t('importNow')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
