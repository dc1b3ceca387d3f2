// The number Procountor will most likely give a connection's next sales invoice: read from its latest sales
// invoices, cached briefly. A prediction, never a reservation (docs/transfers.md "The next invoice number").
import type { ProcountorClient } from '@procountor-bridge/client';
import type { ConnectionService } from '../connections/connection-record';
import type { Database } from '../storage/schema';

/** Sales invoices read, newest created first: more than one, so invoices created in the same instant all count. */
export const LATEST_INVOICES_READ = 20;
/** Numbers past the highest one checked for use before the prediction stops looking (each check is one search). */
export const MAX_NUMBERS_CHECKED = 5;
/** How long one reading of Procountor serves a connection: a send dialog opened twice asks Procountor once. */
export const NEXT_NUMBER_CACHE_SECONDS = 30;

/** Sales and credit invoices share Procountor's sales invoice numbering (a credit invoice is a sales invoice). */
const SALES_KINDS = ['sales_invoice', 'credit_invoice'] as const;

export const NEXT_NUMBER_LIMITS =
  'A prediction, not a reservation: Procountor gives the number when it creates the invoice, and an invoice created ' +
  'there first (by a user, another integration, or another invoice sent at the same moment) takes it. The real ' +
  'number always comes back in the transfer result (procountor.invoiceNumber) and the transfer.succeeded event.';

/** What one reading of Procountor found. */
export interface ProcountorNumberReading {
  /** The number after the highest one in use, or null when the company has no sales invoice yet. */
  predictedInvoiceNumber: number | null;
  latestInvoiceNumber: number | null;
  latestProcountorInvoiceId: number | null;
  salesInvoicesRead: number;
  /** Numbers after the highest found that another sales invoice already has (skipped). */
  numbersInUse: number[];
}

export interface NextInvoiceNumber {
  predictedInvoiceNumber: number | null;
  isReservation: false;
  howFound: string;
  limits: string;
  basis: Omit<ProcountorNumberReading, 'predictedInvoiceNumber'> & {
    /** The highest number this bridge got for the connection after that reading (newer than the cache), or null. */
    sentByBridgeSinceReading: number | null;
  };
  /** When Procountor was read (ISO 8601); the answer may be up to NEXT_NUMBER_CACHE_SECONDS old. */
  readAt: string;
  fromCache: boolean;
}

/**
 * GET /invoices?types=SALES_INVOICE&orderByCreated=DESC (contract: "Order the results by created date"): the highest
 * invoice number among the latest ones, plus one; then GET /invoices?invoiceNumber=N for that number and the next few
 * while one is in use (a number typed in by hand, an invoice created meanwhile). Only sales invoices are read: purchase
 * invoices, received bills, travel and expense invoices and orders have number series of their own (an assumption,
 * the emulator's README "Invoices"), so one of them created meanwhile does not move the prediction.
 */
export async function readNextInvoiceNumber(
  client: ProcountorClient,
  latestInvoicesRead = LATEST_INVOICES_READ,
): Promise<ProcountorNumberReading> {
  const page = await client.invoices.search({
    types: ['SALES_INVOICE'],
    orderByCreated: 'DESC',
    size: latestInvoicesRead,
  });
  const results = page.results ?? [];
  let latest: { invoiceNumber: number; id: number | null } | undefined;
  for (const invoice of results) {
    if (typeof invoice.invoiceNumber !== 'number') continue;
    if (!latest || invoice.invoiceNumber > latest.invoiceNumber) {
      latest = { invoiceNumber: invoice.invoiceNumber, id: invoice.id ?? null };
    }
  }
  if (!latest) {
    return {
      predictedInvoiceNumber: null,
      latestInvoiceNumber: null,
      latestProcountorInvoiceId: null,
      salesInvoicesRead: results.length,
      numbersInUse: [],
    };
  }
  let candidate = latest.invoiceNumber + 1;
  const numbersInUse: number[] = [];
  for (let checked = 0; checked < MAX_NUMBERS_CHECKED; checked += 1) {
    const found = await client.invoices.search({ types: ['SALES_INVOICE'], invoiceNumber: candidate, size: 1 });
    if ((found.results ?? []).length === 0) break;
    numbersInUse.push(candidate);
    candidate += 1;
  }
  return {
    predictedInvoiceNumber: candidate,
    latestInvoiceNumber: latest.invoiceNumber,
    latestProcountorInvoiceId: latest.id,
    salesInvoicesRead: results.length,
    numbersInUse,
  };
}

export interface NextInvoiceNumberPredictor {
  /** `fresh`: read Procountor now instead of a reading up to NEXT_NUMBER_CACHE_SECONDS old. */
  predict(connectionId: string, options?: { fresh?: boolean }): Promise<NextInvoiceNumber>;
}

interface CachedReading {
  reading: Promise<ProcountorNumberReading>;
  readAtMs: number;
  credentialsVersion: number;
}

/**
 * One predictor per bridge process, its cache per connection (one reading in flight at a time). The cached reading is
 * corrected by the numbers this bridge got since (invoices with a higher Procountor id than the latest one read), so
 * an invoice just sent does not make the next prediction repeat its number.
 */
export function createNextInvoiceNumberPredictor(
  deps: { db: Database; connections: ConnectionService },
  options: { cacheSeconds?: number; latestInvoicesRead?: number; now?: () => number } = {},
): NextInvoiceNumberPredictor {
  const cacheMs = (options.cacheSeconds ?? NEXT_NUMBER_CACHE_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedReading>();

  return {
    async predict(connectionId, { fresh = false } = {}) {
      const connection = await deps.connections.requireActive(connectionId);
      let entry = cache.get(connectionId);
      const usable =
        entry &&
        !fresh &&
        entry.credentialsVersion === connection.credentialsVersion &&
        now() - entry.readAtMs < cacheMs;
      const fromCache = Boolean(usable);
      if (!usable) {
        const client = await deps.connections.procountorClient(connection);
        entry = {
          reading: readNextInvoiceNumber(client, options.latestInvoicesRead),
          readAtMs: now(),
          credentialsVersion: connection.credentialsVersion,
        };
        cache.set(connectionId, entry);
        const current = entry;
        // A failed reading is not kept: the next call asks Procountor again.
        current.reading.catch(() => {
          if (cache.get(connectionId) === current) cache.delete(connectionId);
        });
      }
      const reading = await entry!.reading;
      const sentByBridge = await highestNumberSentSince(deps.db, connectionId, reading.latestProcountorInvoiceId);
      return toNextInvoiceNumber(reading, sentByBridge, new Date(entry!.readAtMs).toISOString(), fromCache);
    },
  };
}

/** The highest invoice number this bridge recorded for invoices Procountor created after `afterInvoiceId`. */
async function highestNumberSentSince(
  db: Database,
  connectionId: string,
  afterInvoiceId: number | null,
): Promise<number | null> {
  let query = db
    .selectFrom('transfers')
    .select((eb) => eb.fn.max('procountor_invoice_number').as('highest'))
    .where('connection_id', '=', connectionId)
    .where('kind', 'in', [...SALES_KINDS])
    .where('procountor_invoice_number', 'is not', null);
  if (afterInvoiceId !== null) query = query.where('procountor_invoice_id', '>', afterInvoiceId);
  const row = await query.executeTakeFirst();
  return row?.highest == null ? null : Number(row.highest);
}

function toNextInvoiceNumber(
  reading: ProcountorNumberReading,
  sentByBridge: number | null,
  readAt: string,
  fromCache: boolean,
): NextInvoiceNumber {
  const { predictedInvoiceNumber: fromProcountor, ...basis } = reading;
  const afterBridge = sentByBridge === null ? null : sentByBridge + 1;
  const predicted =
    fromProcountor === null
      ? afterBridge
      : afterBridge === null
        ? fromProcountor
        : Math.max(fromProcountor, afterBridge);
  return {
    predictedInvoiceNumber: predicted,
    isReservation: false,
    howFound: howFound(reading, afterBridge !== null && predicted === afterBridge ? sentByBridge : null),
    limits: NEXT_NUMBER_LIMITS,
    basis: { ...basis, sentByBridgeSinceReading: sentByBridge },
    readAt,
    fromCache,
  };
}

function howFound(reading: ProcountorNumberReading, sentByBridge: number | null): string {
  const parts: string[] = [];
  if (reading.latestInvoiceNumber === null) {
    parts.push(
      "Procountor has no sales invoice for this company yet: its first number follows the company's invoice " +
        'numbering settings in Procountor, which the API does not show.',
    );
  } else {
    parts.push(
      `The ${reading.salesInvoicesRead} sales invoices last created in Procountor go up to number ` +
        `${reading.latestInvoiceNumber}` +
        (reading.numbersInUse.length > 0
          ? `; ${reading.numbersInUse.join(', ')} ${reading.numbersInUse.length === 1 ? 'is' : 'are'} in use too`
          : '') +
        `, so the next is most likely ${reading.predictedInvoiceNumber}.`,
    );
  }
  if (sentByBridge !== null) {
    parts.push(`Since that reading this bridge got number ${sentByBridge} from Procountor, so ${sentByBridge + 1}.`);
  }
  return parts.join(' ');
}
