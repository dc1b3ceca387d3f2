// Transfers of the chosen connection: filters by state, type, date, customer and amount, free-text search, paging,
// "Send to Procountor" for waiting ones and a bulk retry of failures. Filters live in the URL, so a view can be shared.
import { type FormEvent, useEffect, useState } from 'react';
import { api, queryString, TRANSFER_STATES, type TransferPage } from '../api';
import { ErrorMessage, Field, Loading, Notice, StateBadge } from '../components/common';
import { useAction } from '../components/use-action';
import { useConnectionChoice } from '../connection-choice';
import { KIND_KEYS, useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useApi } from '../use-api';

const FILTERS = ['state', 'kind', 'dateFrom', 'dateTo', 'customer', 'amountMin', 'amountMax', 'q'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 25;

export function TransfersPage() {
  const { t, stateName, kindName, formatDate, formatAmount, formatDateTime } = useI18n();
  const { connectionId, connection } = useConnectionChoice();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Filters;
  const page = Number(query.get('page') ?? '0');
  const [form, setForm] = useState<Filters>(applied);
  const { error: actionError, notice, run } = useAction();
  const queryKey = query.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's query is what the form mirrors.
  useEffect(() => setForm(applied), [queryKey]);

  const path = connectionId
    ? `/v1/connections/${connectionId}/transfers${queryString({ ...applied, page, pageSize: PAGE_SIZE })}`
    : null;
  const { data, error, loading, reload } = useApi<TransferPage>(path);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/transfers${queryString(form)}`);
  };
  // The list is read again only after a success.
  const act = (action: () => Promise<string>) =>
    run(async () => {
      const done = await action();
      reload();
      return done;
    });
  const retryFailed = () =>
    act(async () => {
      const result = await api<{ count: number }>('POST', `/v1/connections/${connectionId}/transfers/retry-failed`);
      return t('retried', { count: result.count });
    });
  const send = (transferId: string) =>
    act(async () => {
      await api('POST', `/v1/connections/${connectionId}/transfers/${transferId}/send`);
      return t('saved');
    });
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [name]: event.target.value }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const goToPage = (next: number) => navigate(`/transfers${queryString({ ...applied, page: next || undefined })}`);

  if (!connectionId) return <p>{t('selectConnectionFirst')}</p>;
  return (
    <>
      <div className="page-title">
        <h1>
          {t('transfers')} <span className="muted">– {connection?.name}</span>
        </h1>
        <button type="button" onClick={retryFailed}>
          {t('retryFailed')}
        </button>
      </div>
      <form className="card filters" onSubmit={apply} aria-label={t('filters')}>
        <Field label={t('search')} help={t('searchHelp')}>
          <input name="q" type="search" value={form.q} onChange={set('q')} />
        </Field>
        <Field label={t('state')}>
          <select name="state" value={form.state} onChange={set('state')}>
            <option value="">{t('stateAll')}</option>
            {TRANSFER_STATES.map((state) => (
              <option key={state} value={state}>
                {stateName(state)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('kind')}>
          <select name="kind" value={form.kind} onChange={set('kind')}>
            <option value="">{t('kindAll')}</option>
            {Object.keys(KIND_KEYS).map((kind) => (
              <option key={kind} value={kind}>
                {kindName(kind)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('dateFrom')}>
          <input name="dateFrom" type="date" value={form.dateFrom} onChange={set('dateFrom')} />
        </Field>
        <Field label={t('dateTo')}>
          <input name="dateTo" type="date" value={form.dateTo} onChange={set('dateTo')} />
        </Field>
        <Field label={t('customer')}>
          <input name="customer" value={form.customer} onChange={set('customer')} />
        </Field>
        <Field label={t('amountMin')}>
          <input name="amountMin" type="number" step="0.01" value={form.amountMin} onChange={set('amountMin')} />
        </Field>
        <Field label={t('amountMax')}>
          <input name="amountMax" type="number" step="0.01" value={form.amountMax} onChange={set('amountMax')} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('applyFilters')}
          </button>
          <button type="button" onClick={() => navigate('/transfers')}>
            {t('clearFilters')}
          </button>
        </div>
      </form>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={actionError ?? error} />
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <p>{t('noTransfers')}</p>}
      {data && data.items.length > 0 && (
        <>
          <table className="transfers" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">{t('invoiceNumber')}</th>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('invoiceDate')}</th>
                <th scope="col" className="number">
                  {t('amount')}
                </th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('referenceCode')}</th>
                <th scope="col">{t('updated')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sendToProcountor')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((transfer) => (
                <tr key={transfer.transferId}>
                  <th scope="row">
                    <Link to={`/connections/${connectionId}/transfers/${transfer.transferId}`}>
                      {transfer.sourceInvoiceNumber ?? transfer.externalId}
                    </Link>
                  </th>
                  <td>{transfer.customerName ?? t('none')}</td>
                  <td>{formatDate(transfer.invoiceDate)}</td>
                  <td className="number">{formatAmount(transfer.totalAmount, transfer.currency)}</td>
                  <td>{kindName(transfer.kind)}</td>
                  <td>
                    <StateBadge state={transfer.state} />
                  </td>
                  <td>{transfer.procountor.referenceCode ?? t('none')}</td>
                  <td>{formatDateTime(transfer.updatedAt)}</td>
                  <td>
                    {transfer.state === 'waiting_for_send' && (
                      <button type="button" onClick={() => send(transfer.transferId)}>
                        {t('sendToProcountor')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label={t('pageOf', { page: page + 1, pages, total: data.total })}>
            <button type="button" disabled={page === 0} onClick={() => goToPage(page - 1)}>
              {t('previous')}
            </button>
            <span>{t('pageOf', { page: page + 1, pages, total: data.total })}</span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => goToPage(page + 1)}>
              {t('next')}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
