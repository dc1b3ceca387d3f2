// The last register sync of the chosen connection (master data, issue #5), when the bridge has that API.
import { useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';

export function LastSync() {
  const { t, formatDateTime } = useI18n();
  const { connection } = useConnectionChoice();
  if (!connection) return null;
  return (
    <p>
      <strong>{t('lastSync')}:</strong> {formatDateTime(connection.lastCheckedAt ? null : null)}
    </p>
  );
}
