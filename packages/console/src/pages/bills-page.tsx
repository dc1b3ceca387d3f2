// Bills received in Procountor (docs/purchase-invoices.md "Bills"): the project number and personal identity
// code found on each, and "Approve" (in Procountor) after a confirmation.
import { useState } from 'react';
import { api, type Bill, queryString } from '../api';
import { Field } from '../components/common';
import { CursorPager, HeadRow, ListStatus, ShowChoice } from '../components/inbound-list';
import { useAction } from '../components/use-action';
import { useConnectionChoice } from '../connection-choice';
import { type MessageKey, useI18n } from '../i18n';
import { maskPersonalIdentityCode } from '../personal-identity-code';
import { useApi } from '../use-api';

const STATUS_CHOICES: { statuses: string; label: MessageKey }[] = [
  { statuses: 'RECEIVED,VERIFIED', label: 'billsWaiting' },
  { statuses: 'UNFINISHED', label: 'billsUnfinished' },
  { statuses: 'APPROVED', label: 'billsApproved' },
];
const APPROVABLE = ['UNFINISHED', 'RECEIVED', 'VERIFIED'];

export function BillsPage() {
  const { t, formatDate, formatAmount, invoiceStatusName } = useI18n();
  const { connectionId, connection } = useConnectionChoice();
  const [statuses, setStatuses] = useState(STATUS_CHOICES[0]!.statuses);
  const [after, setAfter] = useState<number>();
  const [confirming, setConfirming] = useState<number>();
  const [comment, setComment] = useState('');
  const base = connectionId ? `/v1/connections/${connectionId}/bills` : null;
  const list = useApi<{ bills: Bill[]; nextCursor: number | null }>(
    base && `${base}${queryString({ statuses, after })}`,
  );
  const action = useAction();

  const numberOf = (bill: Bill) => String(bill.invoiceNumber ?? bill.originalInvoiceNumber ?? bill.procountorInvoiceId);
  const approve = (bill: Bill) =>
    action.run(async () => {
      const answer = await api<{ alreadyApproved: boolean }>(
        'POST',
        `${base}/${bill.procountorInvoiceId}/approve`,
        comment ? { comment } : undefined,
      );
      setConfirming(undefined);
      setComment('');
      return t(answer.alreadyApproved ? 'alreadyApprovedNotice' : 'approvedNotice', { number: numberOf(bill) });
    }, list.reload);

  if (!connectionId) return <p>{t('selectConnectionFirst')}</p>;
  const bills = list.data?.bills ?? [];
  return (
    <>
      <h1>
        {t('billsTitle')} <span className="muted">– {connection?.name}</span>
      </h1>
      <p className="field-help">{t('billsHelp')}</p>
      <ShowChoice
        value={statuses}
        choices={STATUS_CHOICES.map((choice) => ({ value: choice.statuses, label: t(choice.label) }))}
        onChange={(value) => {
          setStatuses(value);
          setAfter(undefined);
        }}
      />
      <ListStatus action={action} list={list} count={bills.length} empty={t('noBills')} />
      {bills.length > 0 && (
        <table className="bills">
          <HeadRow
            columns={[
              t('invoiceNumber'),
              t('supplier'),
              t('invoiceDate'),
              t('dueDate'),
              t('amount'),
              t('projectNumber'),
              t('personalIdentityCode'),
              t('procountorStatus'),
            ]}
            buttons={t('approve')}
          />
          <tbody>
            {bills.map((bill) => (
              <tr key={bill.procountorInvoiceId} data-bill={bill.procountorInvoiceId}>
                <td>{numberOf(bill)}</td>
                <td>
                  {bill.supplierName}
                  {bill.supplierBusinessId && <span className="muted"> {bill.supplierBusinessId}</span>}
                </td>
                <td>{formatDate(bill.date)}</td>
                <td>{formatDate(bill.dueDate)}</td>
                <td className="number">{formatAmount(bill.totalAmount, bill.currency)}</td>
                <td>
                  <Hint value={bill.routing.projectNumber} foundIn={bill.routing.projectNumberFoundIn} />
                </td>
                <td data-testid="personal-identity-code">
                  <Hint
                    value={
                      bill.routing.personalIdentityCode && maskPersonalIdentityCode(bill.routing.personalIdentityCode)
                    }
                    foundIn={bill.routing.personalIdentityCodeFoundIn}
                  />
                </td>
                <td>{invoiceStatusName(bill.procountorStatus)}</td>
                <td>
                  {APPROVABLE.includes(bill.procountorStatus) && confirming !== bill.procountorInvoiceId && (
                    <button
                      type="button"
                      aria-label={`${t('approve')}: ${numberOf(bill)}`}
                      onClick={() => {
                        setConfirming(bill.procountorInvoiceId);
                        setComment('');
                      }}
                    >
                      {t('approve')}
                    </button>
                  )}
                  {confirming === bill.procountorInvoiceId && (
                    <fieldset className="confirm">
                      <legend>
                        {t('approveConfirm', {
                          number: numberOf(bill),
                          supplier: bill.supplierName,
                          amount: formatAmount(bill.totalAmount, bill.currency),
                        })}
                      </legend>
                      <Field label={t('comment')}>
                        <input maxLength={100} value={comment} onChange={(event) => setComment(event.target.value)} />
                      </Field>
                      <div className="actions">
                        <button type="button" className="primary" disabled={action.busy} onClick={() => approve(bill)}>
                          {t('approveYes')}
                        </button>
                        <button type="button" disabled={action.busy} onClick={() => setConfirming(undefined)}>
                          {t('cancel')}
                        </button>
                      </div>
                    </fieldset>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager after={after} next={list.data?.nextCursor} onChange={setAfter} />
    </>
  );
}

/** A routing hint and the field of the bill it was found in. */
function Hint({ value, foundIn }: { value: string | null; foundIn: string | null }) {
  const { t } = useI18n();
  if (!value) return <span className="muted">{t('none')}</span>;
  return (
    <>
      <code>{value}</code>
      {foundIn && <span className="muted"> {t('foundIn', { field: foundIn })}</span>}
    </>
  );
}
