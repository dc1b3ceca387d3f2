// Linking: the source's customers or products beside Procountor's, with ranked suggestions to accept or
// reject, linking by hand, unlinking, and auto-linking of the certain ones.
import { type FormEvent, useState } from 'react';
import { api, type LinkRow, queryString, type RegisterRecord } from '../api';
import { ErrorMessage, Field, Loading, Notice } from '../components/common';
import { useAction } from '../components/use-action';
import { useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

type Kind = 'customer-links' | 'product-links';
type Status = 'unlinked' | 'linked' | 'all';

function RecordText({ name, code, identifier }: { name: string; code: string | null; identifier: string | null }) {
  return (
    <>
      <strong>{name}</strong>
      {(code || identifier) && <span className="muted"> {[code, identifier].filter(Boolean).join(' · ')}</span>}
    </>
  );
}

/** Link by hand: search the synced register (by name, code or business ID) and link one of the results. */
function HandLinkForm({
  registerPath,
  sourceName,
  onLink,
}: {
  registerPath: string;
  sourceName: string;
  onLink: (procountorId: number) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const results = useApi<{ results: RegisterRecord[] }>(
    search === null ? null : `${registerPath}${queryString({ search, active: 'true', size: 5 })}`,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(text);
  };
  return (
    <div className="hand-link">
      <form className="inline-form" onSubmit={submit}>
        <Field label={`${t('linkByHand')}: ${t('search')}`}>
          <input
            type="search"
            value={text}
            placeholder={sourceName}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <button type="submit">{t('search')}</button>
      </form>
      {results.data && (
        <ul className="suggestions" aria-label={`${t('linkByHand')}: ${sourceName}`}>
          {results.data.results.length === 0 && <li className="muted">{t('none')}</li>}
          {results.data.results.map((record) =>
            record.procountorId === null ? null : (
              <li key={record.recordKey}>
                <RecordText {...record} /> <span className="muted">#{record.procountorId}</span>{' '}
                <button
                  type="button"
                  aria-label={`${t('linkByHand')}: ${record.name}`}
                  onClick={() => onLink(record.procountorId!)}
                >
                  {t('link')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

export function LinkingPage() {
  const { t } = useI18n();
  const { connectionId, connection } = useConnectionChoice();
  const [kind, setKind] = useState<Kind>('customer-links');
  const [status, setStatus] = useState<Status>('unlinked');
  const { error: actionError, notice, run } = useAction();
  const base = connectionId ? `/v1/connections/${connectionId}/${kind}` : null;
  const { data, error, loading, reload } = useApi<{ results: LinkRow[]; meta: { total: number } }>(
    base ? `${base}${queryString({ status, size: 100 })}` : null,
  );

  const act = (action: () => Promise<string | undefined>) => run(action, reload);
  const key = (sourceKey: string) => `${base}/${encodeURIComponent(sourceKey)}`;

  if (!connectionId) return <p>{t('selectConnectionFirst')}</p>;
  return (
    <>
      <div className="page-title">
        <h1>
          {t('linking')} <span className="muted">– {connection?.name}</span>
        </h1>
        <button
          type="button"
          onClick={() =>
            act(async () => {
              const result = await api<{ linked: unknown[]; left: number }>('POST', `${base}/auto-link`);
              return t('autoLinked', { count: result.linked.length, left: result.left });
            })
          }
        >
          {t('autoLink')}
        </button>
      </div>
      <div className="card inline-form">
        <Field label={t('linkWhat')}>
          <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            <option value="customer-links">{t('linkCustomers')}</option>
            <option value="product-links">{t('linkProducts')}</option>
          </select>
        </Field>
        <Field label={t('linkStatus')}>
          <select value={status} onChange={(event) => setStatus(event.target.value as Status)}>
            <option value="unlinked">{t('linkStatusUnlinked')}</option>
            <option value="linked">{t('linkStatusLinked')}</option>
            <option value="all">{t('linkStatusAll')}</option>
          </select>
        </Field>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={actionError ?? error} />
      {loading && !data && <Loading />}
      {data && data.results.length === 0 && <p>{t('noLinkRows')}</p>}
      {data && data.results.length > 0 && (
        <table className="linking">
          <thead>
            <tr>
              <th scope="col">{t('sourceRecord')}</th>
              <th scope="col">{t('procountorRecord')}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((row) => (
              <tr key={row.sourceKey} data-source-key={row.sourceKey}>
                <th scope="row">
                  <RecordText {...row.source} />
                  <div className="muted">
                    <code>{row.sourceKey}</code>
                  </div>
                </th>
                <td>
                  {row.link ? (
                    <div className="link-current">
                      {t('linkedWith')}:{' '}
                      {row.link.record ? <RecordText {...row.link.record} /> : `#${row.link.procountorId}`}{' '}
                      <span className="muted">
                        ({t('origin')}: {row.link.origin}
                        {row.link.score !== null ? `, ${Math.round(row.link.score * 100)} %` : ''})
                      </span>{' '}
                      <button
                        type="button"
                        onClick={() => act(async () => void (await api('DELETE', key(row.sourceKey))))}
                      >
                        {t('unlink')}
                      </button>
                    </div>
                  ) : (
                    <>
                      {row.suggestions.length === 0 && <p className="muted">{t('noSuggestions')}</p>}
                      <ul className="suggestions" aria-label={`${t('suggestions')}: ${row.source.name}`}>
                        {row.suggestions.map((suggestion) => (
                          <li key={suggestion.procountorId}>
                            <span className="score" title={`${t('reason')}: ${suggestion.reason}`}>
                              {Math.round(suggestion.score * 100)} %
                            </span>{' '}
                            <RecordText {...suggestion.record} />{' '}
                            <span className="muted">
                              ({suggestion.reason}, #{suggestion.procountorId})
                            </span>{' '}
                            <button
                              type="button"
                              className="primary"
                              aria-label={`${t('accept')}: ${suggestion.record.name}`}
                              onClick={() =>
                                act(async () => {
                                  await api('POST', `${key(row.sourceKey)}/accept`, {
                                    procountorId: suggestion.procountorId,
                                  });
                                  return undefined;
                                })
                              }
                            >
                              {t('accept')}
                            </button>{' '}
                            <button
                              type="button"
                              aria-label={`${t('reject')}: ${suggestion.record.name}`}
                              onClick={() =>
                                act(async () => {
                                  await api('POST', `${key(row.sourceKey)}/reject`, {
                                    procountorId: suggestion.procountorId,
                                  });
                                  return undefined;
                                })
                              }
                            >
                              {t('reject')}
                            </button>
                          </li>
                        ))}
                      </ul>
                      <HandLinkForm
                        registerPath={`/v1/connections/${connectionId}/registers/${
                          kind === 'customer-links' ? 'business-partners' : 'products'
                        }`}
                        sourceName={row.source.name}
                        onLink={(procountorId) =>
                          act(async () => {
                            await api('POST', base!, { sourceKey: row.sourceKey, procountorId });
                            return undefined;
                          })
                        }
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
