// The console's front page in one query set: transfers per state today and this month, failures, queue, per day.
import { sql } from 'kysely';
import type { Database } from '../storage/schema';
import { TRANSFER_STATES, type TransferState } from '../transfers/transfer-states';

/** Days counted from midnight in Finland: the users are Finnish companies, whatever the server's clock says. */
export const DASHBOARD_TIME_ZONE = 'Europe/Helsinki';
const CHART_DAYS = 30;
const FAILURES_SHOWN = 10;
/** States a transfer waits or runs in: what the workers (or a "Send to Procountor") still have to do. */
const QUEUED_STATES = ['waiting_for_send', 'queued', 'in_progress', 'retrying'];

export interface DashboardQuery {
  /** Only this connection; all connections when absent. */
  connectionIds?: readonly string[] | undefined;
  now?: Date;
}

// Built once: finnishDate runs for every transfer of the chart's 30 days.
const FINNISH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: DASHBOARD_TIME_ZONE });
const FINNISH_OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: DASHBOARD_TIME_ZONE, timeZoneName: 'longOffset' });

/** The wall-clock date (YYYY-MM-DD) in Finland of an instant. */
export function finnishDate(at: Date): string {
  return FINNISH_DATE.format(at);
}

/** The instant a Finnish date starts (00:00 Europe/Helsinki), DST included. */
export function startOfFinnishDay(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const offsetName = FINNISH_OFFSET.formatToParts(guess).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName ?? '');
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

const addDays = (date: string, days: number) => {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
};

const zeroCounts = () =>
  Object.fromEntries(TRANSFER_STATES.map((state) => [state, 0])) as Record<TransferState, number>;

export async function readDashboard(db: Database, query: DashboardQuery = {}) {
  const now = query.now ?? new Date();
  const today = finnishDate(now);
  const todayStart = startOfFinnishDay(today);
  const monthStart = startOfFinnishDay(`${today.slice(0, 8)}01`);
  const chartFrom = addDays(today, -(CHART_DAYS - 1));
  const chartStart = startOfFinnishDay(chartFrom);

  const scoped = () => {
    let select = db.selectFrom('transfers');
    if (query.connectionIds) {
      if (query.connectionIds.length === 0) select = select.where(sql<boolean>`false`);
      else select = select.where('connection_id', 'in', query.connectionIds);
    }
    return select;
  };

  const countByState = async (from: Date) => {
    const rows = await scoped()
      .select(['state', sql<string>`count(*)`.as('count')])
      .where('created_at', '>=', from)
      .groupBy('state')
      .execute();
    const counts = zeroCounts();
    for (const row of rows) counts[row.state as TransferState] = Number(row.count);
    return counts;
  };

  const [todayCounts, monthCounts, failedTotal, failures, queueRows, recent] = await Promise.all([
    countByState(todayStart),
    countByState(monthStart),
    scoped().select(sql<string>`count(*)`.as('count')).where('state', '=', 'failed').executeTakeFirstOrThrow(),
    scoped()
      .select([
        'id',
        'connection_id',
        'kind',
        'external_id',
        'source_invoice_number',
        'customer_name',
        'last_error',
        'updated_at',
      ])
      .where('state', '=', 'failed')
      .orderBy('updated_at', 'desc')
      .limit(FAILURES_SHOWN)
      .execute(),
    scoped()
      .select(['state', sql<string>`count(*)`.as('count')])
      .where('state', 'in', QUEUED_STATES)
      .groupBy('state')
      .execute(),
    // Bucketed in JS by Finnish date: the same on PostgreSQL and PGlite, whatever their time zone settings.
    scoped().select(['created_at', 'state']).where('created_at', '>=', chartStart).execute(),
  ]);

  const perDay = new Map<string, { date: string; succeeded: number; failed: number; other: number }>();
  for (let index = 0; index < CHART_DAYS; index++) {
    const date = addDays(chartFrom, index);
    perDay.set(date, { date, succeeded: 0, failed: 0, other: 0 });
  }
  for (const row of recent) {
    const day = perDay.get(finnishDate(new Date(row.created_at)));
    if (!day) continue;
    if (row.state === 'succeeded') day.succeeded++;
    else if (row.state === 'failed') day.failed++;
    else day.other++;
  }
  const queueByState = Object.fromEntries(QUEUED_STATES.map((state) => [state, 0])) as Record<string, number>;
  for (const row of queueRows) queueByState[row.state] = Number(row.count);

  return {
    generatedAt: now.toISOString(),
    timeZone: DASHBOARD_TIME_ZONE,
    today: { date: today, byState: todayCounts },
    thisMonth: { from: `${today.slice(0, 8)}01`, byState: monthCounts },
    failures: {
      total: Number(failedTotal.count),
      latest: failures.map((row) => {
        const error = row.last_error as { message?: string; fix?: string; code?: string } | null;
        return {
          transferId: row.id,
          connectionId: row.connection_id,
          kind: row.kind,
          externalId: row.external_id,
          sourceInvoiceNumber: row.source_invoice_number,
          customerName: row.customer_name,
          errorCode: error?.code ?? null,
          errorMessage: error?.message ?? null,
          fix: error?.fix ?? null,
          failedAt: new Date(row.updated_at).toISOString(),
        };
      }),
    },
    queue: {
      depth: Object.values(queueByState).reduce((sum, count) => sum + count, 0),
      byState: queueByState,
    },
    transfersPerDay: [...perDay.values()],
  };
}
