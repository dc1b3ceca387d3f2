// The dashboard's line on the chosen connection's last register sync (master data, docs/master-data.md).
import { useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { SyncRunState, useLatestSyncRun } from './sync-status';

export function LastSync() {
  const { t, formatDateTime } = useI18n();
  const { connection } = useConnectionChoice();
  const { run } = useLatestSyncRun(connection?.status === 'active' ? connection.id : undefined);
  if (!connection) return null;
  return (
    <p>
      <strong>{t('lastSync')}</strong> ({connection.name}):{' '}
      {run ? (
        <>
          <SyncRunState run={run} /> {formatDateTime(run.finishedAt ?? run.createdAt)}
        </>
      ) : (
        t('never')
      )}{' '}
      <Link to="/registers">{t('registers')}</Link>
    </p>
  );
}
