// One connection: company facts and health, test, disable/enable, replace the key, Procountor's payment webhook, the
// purchase invoice import, and every setting with its explanation.
import { type FormEvent, useState } from 'react';
import { api, type Connection } from '../api';
import { ErrorMessage, Loading, Notice, SecretField } from '../components/common';
import { ProcountorWebhookCard } from '../components/procountor-webhook-card';
import { PurchaseInvoiceImportCard } from '../components/purchase-invoice-import-card';
import { SettingsForm } from '../components/settings-form';
import { useAction } from '../components/use-action';
import { connectionsChanged } from '../connection-choice';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';
import { ConnectionHealth, ConnectionStatus } from './connections-page';

export function ConnectionPage({ id }: { id: string }) {
  const { t, formatDateTime } = useI18n();
  const { data: connection, error, loading, reload } = useApi<Connection>(`/v1/connections/${id}`);
  const { error: actionError, notice, busy, run: runAction } = useAction();
  const [apiKey, setApiKey] = useState('');

  const run = (action: () => Promise<unknown>, done: string) =>
    runAction(async () => {
      await action();
      connectionsChanged();
      return done;
    }, reload);

  const replaceKey = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('PUT', `/v1/connections/${id}/credentials`, { apiKey });
      setApiKey('');
    }, t('keyReplaced'));
  };

  if (error) return <ErrorMessage error={error} />;
  if (loading && !connection) return <Loading />;
  if (!connection) return null;
  return (
    <>
      <div className="page-title">
        <h1>{connection.name}</h1>
        <ConnectionStatus status={connection.status} />
      </div>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={actionError} />
      <div className="grid">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('company')}</h2>
          <dl className="facts">
            <dt>{t('company')}</dt>
            <dd>{connection.companyName ?? t('none')}</dd>
            <dt>{t('businessId')}</dt>
            <dd>{connection.companyBusinessId ?? t('none')}</dd>
            <dt>{t('companyIban')}</dt>
            <dd>{connection.companyIban ?? t('none')}</dd>
            <dt>{t('environment')}</dt>
            <dd>{connection.environment}</dd>
            <dt>{t('baseUrl')}</dt>
            <dd>
              <code>{connection.baseUrl}</code>
            </dd>
            <dt>{t('clientId')}</dt>
            <dd>
              <code>{connection.clientId}</code>
            </dd>
            <dt>{t('apiKeyMasked')}</dt>
            <dd>
              <code>{connection.apiKeyMasked}</code> ({t('credentialsVersion')} {connection.credentialsVersion})
            </dd>
            <dt>{t('health')}</dt>
            <dd>
              <ConnectionHealth connection={connection} />
            </dd>
            <dt>{t('lastChecked')}</dt>
            <dd>{formatDateTime(connection.lastCheckedAt)}</dd>
          </dl>
          <div className="actions">
            <button
              type="button"
              disabled={busy}
              onClick={() => run(() => api('POST', `/v1/connections/${id}/activate`), t('connectionTested'))}
            >
              {t('testConnection')}
            </button>
            {connection.status === 'disabled' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => api('POST', `/v1/connections/${id}/enable`), t('saved'))}
              >
                {t('enable')}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => api('POST', `/v1/connections/${id}/disable`), t('saved'))}
              >
                {t('disable')}
              </button>
            )}
          </div>
        </section>
        <section className="card" aria-labelledby="key-title">
          <h2 id="key-title">{t('replaceKey')}</h2>
          <p className="field-help">{t('replaceKeyHelp')}</p>
          <form onSubmit={replaceKey}>
            <SecretField label={t('newApiKey')} name="newApiKey" value={apiKey} onChange={setApiKey} />
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t('replaceKey')}
              </button>
            </div>
          </form>
        </section>
      </div>
      <div className="grid">
        <ProcountorWebhookCard connectionId={id} active={connection.status === 'active'} />
        <PurchaseInvoiceImportCard connectionId={id} active={connection.status === 'active'} />
      </div>
      <SettingsForm connection={connection} onSaved={reload} />
    </>
  );
}
