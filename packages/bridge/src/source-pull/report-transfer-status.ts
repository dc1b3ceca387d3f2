// The source-pull-report job: tells the source a pulled transfer's new state, from a transfer.succeeded/failed event.
import type { Logger } from 'pino';
import { withDefaultSettings } from '../connections/connection-settings';
import type { ErrorDetail } from '../errors/bridge-error';
import type { Database } from '../storage/schema';
import type { StatusReportJobData } from './enqueue-status-report';
import { postStatusReport, type StatusReport } from './source-http';

export interface ReportDeps {
  db: Database;
  logger: Logger;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type ReportResult = { outcome: 'reported' | 'unknown_document' | 'skipped'; reason?: string };

/** Event payload → what the source stores (docs/scheduled-pull.md "Status report"). */
export function eventToStatusReport(type: string, payload: Record<string, unknown>): StatusReport {
  const transferId = String(payload.transferId);
  if (type === 'transfer.succeeded') {
    return {
      state: 'succeeded',
      transferId,
      ...(typeof payload.procountorInvoiceNumber === 'number'
        ? { procountorInvoiceNumber: payload.procountorInvoiceNumber }
        : {}),
      ...(typeof payload.referenceCode === 'string' ? { referenceCode: payload.referenceCode } : {}),
    };
  }
  const error = payload.error as { code?: string; message?: string } | undefined;
  const problems =
    (payload.problems as ErrorDetail[] | undefined) ??
    (error
      ? [{ path: '', rule: error.code ?? 'transfer_failed', message: error.message ?? 'The transfer failed.' }]
      : []);
  return { state: 'failed', transferId, problems };
}

/** Throws on a source error, so pg-boss retries with backoff (queue options in start-pull-workers.ts). */
export async function reportTransferStatus(deps: ReportDeps, data: StatusReportJobData): Promise<ReportResult> {
  const event = await deps.db
    .selectFrom('events')
    .innerJoin('connections', 'connections.id', 'events.connection_id')
    .select(['events.type', 'events.payload', 'connections.settings'])
    .where('events.event_id', '=', data.eventId)
    .executeTakeFirst();
  if (!event) return { outcome: 'skipped', reason: 'the event no longer exists' };
  const pull = withDefaultSettings(event.settings).scheduledPull;
  if (!pull) return { outcome: 'skipped', reason: 'the connection no longer has a scheduled pull' };
  const externalId = event.payload.externalId;
  if (typeof externalId !== 'string') return { outcome: 'skipped', reason: 'the event names no externalId' };

  const outcome = await postStatusReport(
    { url: pull.url, status: pull.status, authorizationHeader: pull.authorizationHeader },
    externalId,
    eventToStatusReport(event.type, event.payload),
    { timeoutMs: deps.timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  );
  // 404: a document submitted through the API, not one the source lists; nothing to update there.
  deps.logger.debug({ connectionId: data.connectionId, externalId, outcome }, 'transfer status reported to the source');
  return { outcome };
}
