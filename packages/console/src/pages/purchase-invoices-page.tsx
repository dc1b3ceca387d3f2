// Purchase invoices imported from Procountor as project expenses (docs/purchase-invoices.md): the list, one invoice's
// rows and accounting with its dimensions, and "Acknowledge" (the source booked it).
import { useState } from 'react';
import { api, type PurchaseInvoice, queryString } from '../api';
import { CursorPager, HeadRow, ListStatus, ShowChoice } from '../components/inbound-list';
import { useAction } from '../components/use-action';
import { useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

const PAGE_SIZE = 50;

export function PurchaseInvoicesPage() {
  const { t, formatDate, formatDateTime, formatAmount, invoiceStatusName } = useI18n();
  const { connectionId, connection } = useConnectionChoice();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const [after, setAfter] = useState<string>();
  const [openId, setOpenId] = useState<string>();
  const base = connectionId ? `/v1/connections/${connectionId}/purchase-invoices` : null;
  const list = useApi<{ purchaseInvoices: PurchaseInvoice[]; nextCursor: string | null }>(
    base && `${base}${queryString({ acknowledged: which === 'open' ? 'false' : undefined, after, limit: PAGE_SIZE })}`,
  );
  const action = useAction();

  const acknowledge = (invoice: PurchaseInvoice) =>
    action.run(async () => {
      await api('POST', `${base}/${invoice.id}/acknowledge`);
      return t('acknowledgedNotice', { number: numberOf(invoice) });
    }, list.reload);

  if (!connectionId) return <p>{t('selectConnectionFirst')}</p>;
  const invoices = list.data?.purchaseInvoices ?? [];
  const opened = invoices.find((invoice) => invoice.id === openId);
  return (
    <>
      <h1>
        {t('purchaseInvoicesTitle')} <span className="muted">– {connection?.name}</span>
      </h1>
      <p className="field-help">{t('purchaseInvoicesHelp')}</p>
      <ShowChoice
        value={which}
        choices={[
          { value: 'open', label: t('notAcknowledged') },
          { value: 'all', label: t('allInvoices') },
        ]}
        onChange={(value) => {
          setWhich(value);
          setAfter(undefined);
        }}
      />
      <ListStatus action={action} list={list} count={invoices.length} empty={t('noPurchaseInvoices')} />
      {invoices.length > 0 && (
        <table className="purchase-invoices">
          <HeadRow
            columns={[
              t('invoiceNumber'),
              t('supplier'),
              t('invoiceDate'),
              t('amount'),
              t('projects'),
              t('procountorStatus'),
              t('importedAt'),
              t('acknowledgedAt'),
            ]}
            buttons={t('openDetails')}
          />
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id} data-purchase-invoice={invoice.procountorInvoiceId}>
                <td>{numberOf(invoice)}</td>
                <td>{invoice.expense.supplier.name}</td>
                <td>{formatDate(invoice.expense.date)}</td>
                <td className="number">{formatAmount(invoice.expense.totalAmount, invoice.expense.currency)}</td>
                <td>{invoice.expense.projectCodes.join(', ')}</td>
                <td>{invoiceStatusName(invoice.expense.procountorStatus)}</td>
                <td>{formatDateTime(invoice.importedAt)}</td>
                <td>{formatDateTime(invoice.acknowledgedAt)}</td>
                <td className="actions">
                  <button
                    type="button"
                    aria-expanded={openId === invoice.id}
                    aria-label={`${t('openDetails')}: ${numberOf(invoice)}`}
                    onClick={() => setOpenId(openId === invoice.id ? undefined : invoice.id)}
                  >
                    {t('openDetails')}
                  </button>
                  {!invoice.acknowledgedAt && (
                    <button
                      type="button"
                      disabled={action.busy}
                      aria-label={`${t('acknowledge')}: ${numberOf(invoice)}`}
                      onClick={() => acknowledge(invoice)}
                    >
                      {t('acknowledge')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager after={after} next={list.data?.nextCursor} onChange={setAfter} />
      {opened && <PurchaseInvoiceDetails invoice={opened} />}
    </>
  );
}

/** Procountor's invoice number, else the supplier's own number, else the Procountor id. */
function numberOf(invoice: PurchaseInvoice): string {
  const { invoiceNumber, originalInvoiceNumber } = invoice.expense;
  return String(invoiceNumber ?? originalInvoiceNumber ?? invoice.procountorInvoiceId);
}

function PurchaseInvoiceDetails({ invoice }: { invoice: PurchaseInvoice }) {
  const { t, formatDate, formatAmount, unitName } = useI18n();
  const { expense } = invoice;
  const money = (amount: number | null) => formatAmount(amount, expense.currency);
  return (
    <section className="card" aria-labelledby="purchase-invoice-title">
      <h2 id="purchase-invoice-title">
        {t('kindPurchaseInvoice')} {numberOf(invoice)} – {expense.supplier.name}
      </h2>
      <dl className="facts">
        <dt>{t('businessId')}</dt>
        <dd>{expense.supplier.businessId ?? t('none')}</dd>
        <dt>{t('invoiceDate')}</dt>
        <dd>{formatDate(expense.date)}</dd>
        <dt>{t('dueDate')}</dt>
        <dd>{formatDate(expense.dueDate)}</dd>
        <dt>{t('netAmount')}</dt>
        <dd>{money(expense.netAmount)}</dd>
        <dt>{t('vatAmount')}</dt>
        <dd>{money(expense.vatAmount)}</dd>
        <dt>{t('amount')}</dt>
        <dd>{money(expense.totalAmount)}</dd>
        <dt>{t('procountorInvoiceId')}</dt>
        <dd>{invoice.procountorInvoiceId}</dd>
      </dl>
      <h3>{t('rows')}</h3>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('product')}</th>
            <th scope="col">{t('quantity')}</th>
            <th scope="col">{t('unitPrice')}</th>
            <th scope="col">{t('vatPercent')}</th>
            <th scope="col">{t('comment')}</th>
          </tr>
        </thead>
        <tbody>
          {expense.rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an imported invoice's rows never change order.
            <tr key={index}>
              <td>{row.productCode ? `${row.productCode} ${row.product}` : row.product}</td>
              <td className="number">
                {row.quantity} {unitName(row.unit)}
              </td>
              <td className="number">{money(row.unitPrice)}</td>
              <td className="number">{row.vatPercent}</td>
              <td>{row.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('accounting')}</h3>
      <table className="compact accounting">
        <thead>
          <tr>
            <th scope="col">{t('account')}</th>
            <th scope="col">{t('amount')}</th>
            <th scope="col">{t('vatPercent')}</th>
            <th scope="col">{t('description')}</th>
            <th scope="col">{t('dimensions')}</th>
          </tr>
        </thead>
        <tbody>
          {expense.accounting.map((entry, index) => (
            <tr key={entry.transactionId ?? index}>
              <td>{entry.account ?? ''}</td>
              <td className="number">{money(entry.amount)}</td>
              <td className="number">{entry.vatPercent ?? ''}</td>
              <td>{entry.description ?? ''}</td>
              <td>
                {entry.dimensions
                  .map(
                    (dimension) =>
                      `${dimension.dimensionName ?? ''}: ${dimension.itemCode ?? ''} (${money(dimension.amount)})`,
                  )
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {expense.attachments.length > 0 && (
        <>
          <h3>{t('attachments')}</h3>
          <ul>
            {expense.attachments.map((attachment) => (
              <li key={attachment.attachmentId}>
                <a
                  href={`/v1/connections/${invoice.connectionId}/purchase-invoices/${invoice.id}/attachments/${attachment.attachmentId}`}
                >
                  {attachment.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
