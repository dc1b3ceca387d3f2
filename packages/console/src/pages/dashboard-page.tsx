// Dashboard: transfers per state today and this month, failures needing attention, queue depth, last sync, a chart.
import { type Dashboard, TRANSFER_STATES } from '../api';
import { BridgeMessage, ErrorMessage, Loading } from '../components/common';
import { LastSync } from '../components/last-sync';
import { TransfersChart } from '../components/transfers-chart';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';

export function DashboardPage() {
  const { t, stateName, formatDateTime } = useI18n();
  const { data, error, loading } = useApi<Dashboard>('/v1/dashboard');
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;
  return (
    <>
      <h1>{t('navDashboard')}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="counts-title">
          <h2 id="counts-title">{t('countsPerState')}</h2>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('state')}</th>
                <th scope="col" className="number">
                  {t('today')}
                </th>
                <th scope="col" className="number">
                  {t('thisMonth')}
                </th>
              </tr>
            </thead>
            <tbody>
              {TRANSFER_STATES.map((state) => (
                <tr key={state}>
                  <th scope="row">
                    <Link to={`/transfers?state=${state}`}>{stateName(state)}</Link>
                  </th>
                  <td className="number">{data.today.byState[state] ?? 0}</td>
                  <td className="number">{data.thisMonth.byState[state] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title">{t('queueDepth')}</h2>
          <p className="big-number">{data.queue.depth}</p>
          <p className="field-help">{t('queueDepthHelp')}</p>
          <LastSync />
        </section>
        <section className="card wide" aria-labelledby="failures-title">
          <h2 id="failures-title">{t('failuresNeedingAttention')}</h2>
          {data.failures.total === 0 ? (
            <p>{t('noFailures')}</p>
          ) : (
            <>
              <p>{t('failedTotal', { count: data.failures.total })}</p>
              <ul className="failures">
                {data.failures.latest.map((failure) => (
                  <li key={failure.transferId}>
                    <Link to={`/connections/${failure.connectionId}/transfers/${failure.transferId}`}>
                      {failure.sourceInvoiceNumber ?? failure.externalId}
                      {failure.customerName ? ` – ${failure.customerName}` : ''}
                    </Link>{' '}
                    <span className="muted">{formatDateTime(failure.failedAt)}</span>
                    <FailureText failure={failure} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card wide" aria-labelledby="chart-title">
          <h2 id="chart-title">{t('transfersOverTime')}</h2>
          <TransfersChart days={data.transfersPerDay} />
        </section>
      </div>
    </>
  );
}

/** A failure's text in the chosen language (api-code-texts.ts), the bridge's message beside it, and the fix. */
function FailureText({ failure }: { failure: Dashboard['failures']['latest'][number] }) {
  const { transferFailureText } = useI18n();
  if (!failure.errorCode || !failure.errorMessage) {
    return (
      <>
        <div>{failure.errorMessage}</div>
        {failure.fix && <div className="fix">{failure.fix}</div>}
      </>
    );
  }
  const shown = transferFailureText({ code: failure.errorCode, message: failure.errorMessage, fix: failure.fix ?? '' });
  return (
    <>
      <div>
        {shown.text}
        {shown.bridgeMessage && <BridgeMessage message={shown.bridgeMessage} />}
      </div>
      {shown.fix && <div className="fix">{shown.fix}</div>}
    </>
  );
}
