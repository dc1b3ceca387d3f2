// Registers: Procountor's registers as the bridge keeps them (accounts, VATs, dimensions, products, partners…), to
// browse with search and paging, and the sync with its progress.
import { type FormEvent, useEffect, useState } from 'react';
import { api, queryString, type RegisterRecord, type RegisterSummary } from '../api';
import { ErrorMessage, Field, Loading } from '../components/common';
import { SyncProgress, useLatestSyncRun } from '../components/sync-status';
import { useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

const PAGE_SIZE = 50;

export function RegistersPage() {
  const { t, formatDateTime, registerName } = useI18n();
  const { connectionId, connection } = useConnectionChoice();
  const base = connectionId ? `/v1/connections/${connectionId}/registers` : null;
  const summary = useApi<{ registers: RegisterSummary[] }>(base);
  const latest = useLatestSyncRun(connectionId);
  const [chosen, setChosen] = useState<string>('business-partners');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [syncError, setSyncError] = useState<unknown>();
  const records = useApi<{ results: RegisterRecord[]; meta: { total: number } }>(
    base ? `${base}/${chosen}${queryString({ search, page, size: PAGE_SIZE })}` : null,
  );

  const sync = async (mode: 'incremental' | 'full') => {
    setSyncError(undefined);
    try {
      await api('POST', `${base}/sync`, { mode });
      latest.reload();
    } catch (caught) {
      setSyncError(caught);
    }
  };
  // When a run moves on or ends, the counts and records change: read them again.
  const runKey = `${latest.run?.id}-${latest.run?.state}`;
  const reloadSummary = summary.reload;
  const reloadRecords = records.reload;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runKey is the trigger.
  useEffect(() => {
    reloadSummary();
    reloadRecords();
  }, [runKey, reloadSummary, reloadRecords]);

  const applySearch = (event: FormEvent) => {
    event.preventDefault();
    setPage(0);
    setSearch(searchText);
  };

  if (!connectionId) return <p>{t('selectConnectionFirst')}</p>;
  const pages = Math.max(1, Math.ceil((records.data?.meta.total ?? 0) / PAGE_SIZE));
  return (
    <>
      <h1>
        {t('registers')} <span className="muted">– {connection?.name}</span>
      </h1>
      <section className="card" aria-labelledby="sync-title">
        <h2 id="sync-title">{t('syncState')}</h2>
        {latest.run ? <SyncProgress run={latest.run} /> : <p>{t('never')}</p>}
        <ErrorMessage error={syncError} />
        <div className="actions">
          <button type="button" className="primary" onClick={() => sync('incremental')}>
            {t('syncNow')}
          </button>
          <button type="button" onClick={() => sync('full')}>
            {t('fullSync')}
          </button>
        </div>
      </section>
      <div className="grid registers">
        <section className="card" aria-labelledby="registers-title">
          <h2 id="registers-title">{t('registers')}</h2>
          <ErrorMessage error={summary.error} />
          {summary.loading && !summary.data && <Loading />}
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('register')}</th>
                <th scope="col" className="number">
                  {t('records')}
                </th>
                <th scope="col">{t('lastSynced')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.data?.registers.map((register) => (
                <tr key={register.register} aria-current={register.path === chosen ? 'true' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      title={register.description}
                      onClick={() => {
                        setChosen(register.path);
                        setPage(0);
                      }}
                    >
                      {registerName(register.register)}
                    </button>
                  </th>
                  <td className="number">{register.records}</td>
                  <td>{formatDateTime(register.lastSyncedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="records-title">
          <h2 id="records-title">{t('registerRecords', { register: registerName(chosen) })}</h2>
          <form onSubmit={applySearch} className="inline-form">
            <Field label={t('search')}>
              <input
                type="search"
                name="registerSearch"
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
              />
            </Field>
            <button type="submit">{t('applyFilters')}</button>
          </form>
          <ErrorMessage error={records.error} />
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('identifier')}</th>
                <th scope="col">{t('procountorId')}</th>
                <th scope="col">{t('active')}</th>
              </tr>
            </thead>
            <tbody>
              {records.data?.results.map((record) => (
                <tr key={record.recordKey}>
                  <td>{record.name}</td>
                  <td>{record.code ?? t('none')}</td>
                  <td>{record.identifier ?? t('none')}</td>
                  <td>{record.procountorId ?? t('none')}</td>
                  <td>{record.active ? t('yes') : t('no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav
            className="pager"
            aria-label={t('pageOfRecords', { page: page + 1, pages, total: records.data?.meta.total ?? 0 })}
          >
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('previous')}
            </button>
            <span>{t('pageOfRecords', { page: page + 1, pages, total: records.data?.meta.total ?? 0 })}</span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {t('next')}
            </button>
          </nav>
        </section>
      </div>
    </>
  );
}
