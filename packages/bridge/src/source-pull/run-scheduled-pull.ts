// The source-pull-run job: fetch a connection's documents, submit each, report each status, schedule the next run.
import type { Logger } from 'pino';
import { withDefaultSettings } from '../connections/connection-settings';
import { BridgeError, type ErrorDetail } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import type { Database } from '../storage/schema';
import { fetchSourceDocuments, type PullSource, postStatusReport, type StatusReport } from './source-http';

export type SubmitDocumentResult = { transferId: string; state: string } | { problems: ErrorDetail[] };

/**
 * The transfer domain's submission service, wired in by main.ts. It validates the document (the pull passes on
 * whatever the source sent) and is idempotent per externalId, so fetching a document twice is harmless.
 */
export type SubmitDocument = (connectionId: string, document: SalesInvoiceInput) => Promise<SubmitDocumentResult>;

export interface PullRunJobData {
  connectionId: string;
}

export interface PullRunDeps {
  db: Database;
  jobs: Pick<JobQueue, 'send'>;
  logger: Logger;
  submitDocument: SubmitDocument;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** One document's line in the run log (the job's output). */
export interface PulledDocumentOutcome {
  externalId: string | null;
  transferId?: string;
  state: string;
  problems?: ErrorDetail[];
  reportError?: string;
}

export type PullRunResult =
  | { outcome: 'not_scheduled'; reason: string }
  | { outcome: 'fetch_failed'; error: string; nextRunInMinutes: number }
  | { outcome: 'completed'; fetched: number; documents: PulledDocumentOutcome[]; nextRunInMinutes: number };

/** Runs of one connection never overlap or pile up: one waiting run per connection (queue policy `short`). */
export function schedulePullRun(jobs: Pick<JobQueue, 'send'>, connectionId: string, startAfterSeconds = 0) {
  return jobs.send<PullRunJobData>(
    QUEUE_NAMES.sourcePullRun,
    { connectionId },
    { singletonKey: connectionId, ...(startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}) },
  );
}

export async function runScheduledPull(deps: PullRunDeps, data: PullRunJobData): Promise<PullRunResult> {
  const connection = await deps.db
    .selectFrom('connections')
    .select(['id', 'status', 'settings'])
    .where('id', '=', data.connectionId)
    .executeTakeFirst();
  if (!connection) return { outcome: 'not_scheduled', reason: 'the connection no longer exists' };
  if (connection.status !== 'active')
    return { outcome: 'not_scheduled', reason: `the connection is ${connection.status}` };
  const settings = withDefaultSettings(connection.settings);
  const pull = settings.scheduledPull;
  if (!pull) return { outcome: 'not_scheduled', reason: 'the connection has no scheduledPull setting' };

  // The next run is booked first, so a crash or a bad answer from the source never ends the schedule.
  await schedulePullRun(deps.jobs, connection.id, pull.intervalMinutes * 60);
  const logger = deps.logger.child({ connectionId: connection.id, sourceStatus: pull.status });
  const source: PullSource = { url: pull.url, status: pull.status, authorizationHeader: pull.authorizationHeader };
  const http = { timeoutMs: deps.timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) };

  let fetched: unknown[];
  try {
    fetched = await fetchSourceDocuments(source, http);
    // Travel reimbursements wait in a status of their own (as in Visma Severa); without a documentType they are travel
    // invoices.
    if (pull.travelStatus && settings.travelTransfersEnabled) {
      const travel = await fetchSourceDocuments({ ...source, status: pull.travelStatus }, http);
      fetched.push(...travel.map(asTravelInvoice));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ reason: message }, 'scheduled pull could not fetch documents');
    return { outcome: 'fetch_failed', error: message, nextRunInMinutes: pull.intervalMinutes };
  }

  const documents: PulledDocumentOutcome[] = [];
  for (const document of fetched) {
    const externalId = externalIdOf(document);
    const outcome = await submitOne(deps, connection.id, document);
    const line: PulledDocumentOutcome = { externalId, ...outcome };
    if (externalId === null) {
      line.reportError = 'The document has no externalId, so its status cannot be reported back';
    } else {
      try {
        await postStatusReport(source, externalId, toStatusReport(outcome), http);
      } catch (error) {
        // The next change of this transfer reports again; the run log shows this one was missed.
        line.reportError = error instanceof Error ? error.message : String(error);
        logger.warn({ externalId, reason: line.reportError }, 'scheduled pull could not report a status');
      }
    }
    documents.push(line);
  }
  logger.info({ fetched: fetched.length }, 'scheduled pull completed');
  return { outcome: 'completed', fetched: fetched.length, documents, nextRunInMinutes: pull.intervalMinutes };
}

function asTravelInvoice(document: unknown): unknown {
  if (!document || typeof document !== 'object' || 'documentType' in document) return document;
  return { ...document, documentType: 'travel_invoice' };
}

function externalIdOf(document: unknown): string | null {
  const externalId = (document as { externalId?: unknown } | null)?.externalId;
  return typeof externalId === 'string' && externalId.length > 0 ? externalId : null;
}

async function submitOne(
  deps: PullRunDeps,
  connectionId: string,
  document: unknown,
): Promise<Omit<PulledDocumentOutcome, 'externalId'>> {
  try {
    // Unvalidated on purpose: the submission service validates and answers with every problem.
    const result = await deps.submitDocument(connectionId, document as SalesInvoiceInput);
    if ('problems' in result) return { state: 'rejected', problems: result.problems };
    return { state: result.state, transferId: result.transferId };
  } catch (error) {
    // A 4xx-style domain error is the document's problem; anything else is ours, reported without internals.
    if (error instanceof BridgeError && error.statusCode < 500) {
      const problems = error.details.length ? error.details : [{ path: '', rule: error.code, message: error.message }];
      return { state: 'rejected', problems };
    }
    deps.logger.error({ err: error, connectionId }, 'scheduled pull could not submit a document');
    return {
      state: 'error',
      problems: [
        {
          path: '',
          rule: 'internal_error',
          message: 'The bridge could not accept the document; it is tried again on the next run.',
        },
      ],
    };
  }
}

function toStatusReport(outcome: Omit<PulledDocumentOutcome, 'externalId'>): StatusReport {
  return {
    state: outcome.state,
    ...(outcome.transferId ? { transferId: outcome.transferId } : {}),
    ...(outcome.problems ? { problems: outcome.problems } : {}),
  };
}
