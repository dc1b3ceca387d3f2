// The latest register sync of a connection with its progress (per register, updated after every page), polled while it runs.
import { useEffect } from 'react';
import type { SyncRun } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

const RUN_STATES: Record<'fi' | 'en', Record<SyncRun['state'], string>> = {
  en: { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' },
  fi: { queued: 'jonossa', running: 'käynnissä', succeeded: 'onnistui', failed: 'epäonnistui' },
};

export function useLatestSyncRun(connectionId: string | undefined) {
  const result = useApi<{ runs: SyncRun[] }>(
    connectionId ? `/v1/connections/${connectionId}/registers/sync-runs?limit=1` : null,
  );
  const run = result.data?.runs[0];
  const running = run && (run.state === 'queued' || run.state === 'running');
  const { reload } = result;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [running, reload]);
  return { run, error: result.error, reload };
}

export function SyncRunState({ run }: { run: SyncRun }) {
  const { language } = useI18n();
  const badge = run.state === 'succeeded' ? 'succeeded' : run.state === 'failed' ? 'failed' : 'in_progress';
  return <span className={`badge badge-${badge}`}>{RUN_STATES[language][run.state]}</span>;
}

export function SyncProgress({ run }: { run: SyncRun }) {
  const { t, formatDateTime } = useI18n();
  const done = Object.values(run.counts).filter((count) => count.done).length;
  return (
    <div className="sync-progress">
      <p>
        <SyncRunState run={run} /> {run.mode} · {formatDateTime(run.finishedAt ?? run.createdAt)} ·{' '}
        {t('procountorCalls')}: {run.procountorCalls}
      </p>
      {(run.state === 'queued' || run.state === 'running') && (
        <>
          <p>{t('syncRunning', { register: run.currentRegister ?? '…' })}</p>
          <progress max={run.registers.length} value={done} aria-label={t('syncProgress')}>
            {done}/{run.registers.length}
          </progress>
        </>
      )}
      <p className="muted">
        {t('fetched')} {run.totals.fetched} · {t('created')} {run.totals.created} · {t('updatedCount')}{' '}
        {run.totals.updated}
      </p>
      {run.errors.map((error) => (
        <p key={`${error.register}-${error.message}`} className="message message-error">
          {error.register}: {error.message}
        </p>
      ))}
    </div>
  );
}
