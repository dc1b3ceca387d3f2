// Connections: every connection with its status and health; the set-up wizard starts here.
import type { Connection } from '../api';
import { ErrorMessage, Loading } from '../components/common';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';

export function ConnectionStatus({ status }: { status: Connection['status'] }) {
  const { t } = useI18n();
  const label = { draft: t('statusDraft'), active: t('statusActive'), disabled: t('statusDisabled') }[status];
  return <span className={`badge badge-connection-${status}`}>{label}</span>;
}

export function ConnectionHealth({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  if (connection.lastCheckError) return <span className="health-bad">✗ {connection.lastCheckError}</span>;
  if (!connection.lastCheckedAt) return <span className="muted">{t('healthNotChecked')}</span>;
  return <span className="health-ok">✓ {t('healthOk')}</span>;
}

export function ConnectionsPage() {
  const { t, formatDateTime } = useI18n();
  const { data: list, error, loading } = useApi<{ connections: Connection[] }>('/v1/connections');
  const data = list?.connections;
  return (
    <>
      <div className="page-title">
        <h1>{t('navConnections')}</h1>
        <Link to="/connections/new" className="button primary">
          {t('newConnection')}
        </Link>
      </div>
      <ErrorMessage error={error} />
      {loading && <Loading />}
      {data && data.length === 0 && <p>{t('noConnections')}</p>}
      {data && data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('health')}</th>
              <th scope="col">{t('company')}</th>
              <th scope="col">{t('businessId')}</th>
              <th scope="col">{t('lastChecked')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((connection) => (
              <tr key={connection.id}>
                <th scope="row">
                  <Link to={`/connections/${connection.id}`}>{connection.name}</Link>
                </th>
                <td>
                  <ConnectionStatus status={connection.status} />
                </td>
                <td>
                  <ConnectionHealth connection={connection} />
                </td>
                <td>{connection.companyName ?? t('none')}</td>
                <td>{connection.companyBusinessId ?? t('none')}</td>
                <td>{formatDateTime(connection.lastCheckedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
