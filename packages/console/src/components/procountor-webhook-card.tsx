// The connection's Procountor payment webhook (docs/payments.md): subscribed or not, subscribe / unsubscribe, and
// "Check payments now" (a reconciliation in the background). The bridge subscribes by itself after activation; the
// card shows whether that worked.
import { ApiError, api, type WebhookSubscription } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import { useApi } from '../use-api';
import { ErrorMessage, Notice } from './common';
import { useAction } from './use-action';

const STATE_KEYS: Record<WebhookSubscription['state'], MessageKey> = {
  subscribed: 'webhookStateSubscribed',
  pending: 'webhookStatePending',
  failed: 'webhookStateFailed',
};

export function ProcountorWebhookCard({ connectionId, active }: { connectionId: string; active: boolean }) {
  const { t, formatDateTime } = useI18n();
  const path = `/v1/connections/${connectionId}/procountor-webhook`;
  const subscription = useApi<WebhookSubscription>(path);
  const action = useAction();
  // 404 is the answer when there is no subscription: not an error to show.
  const notSubscribed = subscription.error instanceof ApiError && subscription.error.status === 404;
  const current = notSubscribed ? undefined : subscription.data;
  const change = (method: 'PUT' | 'DELETE', notice: string) =>
    action.run(async () => {
      await api(method, path, method === 'PUT' ? {} : undefined);
      return notice;
    }, subscription.reload);
  return (
    <section className="card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">{t('procountorWebhook')}</h2>
      <p className="field-help">{t('procountorWebhookHelp')}</p>
      {notSubscribed ? null : <ErrorMessage error={subscription.error} />}
      {current ? (
        <dl className="facts" data-testid="webhook-subscription">
          <dt>{t('webhookState')}</dt>
          <dd>
            <span className={`badge ${current.state === 'subscribed' ? 'badge-succeeded' : 'badge-retrying'}`}>
              {t(STATE_KEYS[current.state])}
            </span>
          </dd>
          {current.lastError && (
            <>
              <dt>{t('webhookLastError')}</dt>
              <dd>{current.lastError}</dd>
            </>
          )}
          <dt>{t('webhookUrl')}</dt>
          <dd>
            <code>{current.url}</code>
          </dd>
          <dt>{t('webhookEvents')}</dt>
          <dd>{current.eventTypes.join(', ')}</dd>
          <dt>{t('webhookLastReceived')}</dt>
          <dd>{formatDateTime(current.lastReceivedAt)}</dd>
        </dl>
      ) : (
        notSubscribed && <p data-testid="webhook-subscription">{t('webhookNotSubscribed')}</p>
      )}
      {action.notice && <Notice>{action.notice}</Notice>}
      <ErrorMessage error={action.error} />
      <div className="actions">
        {current?.state === 'subscribed' ? (
          <button type="button" disabled={action.busy} onClick={() => change('DELETE', t('unsubscribedNotice'))}>
            {t('unsubscribe')}
          </button>
        ) : (
          <button type="button" disabled={action.busy || !active} onClick={() => change('PUT', t('subscribedNotice'))}>
            {t('subscribe')}
          </button>
        )}
        <button
          type="button"
          disabled={action.busy || !active}
          onClick={() =>
            action.run(async () => {
              await api('POST', `/v1/connections/${connectionId}/payments/reconcile`);
              return t('paymentsCheckStarted');
            })
          }
        >
          {t('checkPaymentsNow')}
        </button>
      </div>
    </section>
  );
}
