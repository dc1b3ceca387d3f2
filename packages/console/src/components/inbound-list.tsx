// Pieces of the lists read from Procountor page by page (purchase invoices, bills): the "Show" choice, the header
// row, what happened (notice, error, loading, nothing found) and the cursor paging.
import { useI18n } from '../i18n';
import { ErrorMessage, Field, Loading, Notice } from './common';
import type { useAction } from './use-action';

export function ShowChoice<T extends string>({
  value,
  choices,
  onChange,
}: {
  value: T;
  choices: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="filters">
      <Field label={t('showWhich')}>
        <select value={value} onChange={(event) => onChange(event.target.value as T)}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** The column headings; the last column holds the row's buttons and is named for screen readers only. */
export function HeadRow({ columns, buttons }: { columns: string[]; buttons: string }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">{buttons}</span>
        </th>
      </tr>
    </thead>
  );
}

export function ListStatus({
  action,
  list,
  count,
  empty,
}: {
  action: ReturnType<typeof useAction>;
  list: { loading: boolean; data?: unknown; error?: Error };
  count: number;
  empty: string;
}) {
  return (
    <>
      {action.notice && <Notice>{action.notice}</Notice>}
      <ErrorMessage error={action.error ?? list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data !== undefined && count === 0 && <p>{empty}</p>}
    </>
  );
}

/** Back to the first page, or on to the page after `next` (the answer's nextCursor). */
export function CursorPager<C>({
  after,
  next,
  onChange,
}: {
  after: C | undefined;
  next: C | null | undefined;
  onChange: (after: C | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="actions">
      {after !== undefined && (
        <button type="button" onClick={() => onChange(undefined)}>
          {t('previous')}
        </button>
      )}
      {next !== null && next !== undefined && (
        <button type="button" onClick={() => onChange(next)}>
          {t('moreResults')}
        </button>
      )}
    </div>
  );
}
