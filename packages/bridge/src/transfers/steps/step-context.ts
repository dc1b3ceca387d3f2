// What every step of a transfer gets: the document, the connection and its client, the progress and the timeline.
import type { ProcountorClient } from '@procountor-bridge/client';
import type { Logger } from 'pino';
import type { ConnectionRecord } from '../../connections/connection-record';
import type { SalesInvoiceInput } from '../../sales-invoices/sales-invoice-schema';
import type { Database } from '../../storage/schema';
import type { TransferProgress } from '../transfer-progress';
import type { TransferRow } from '../transfer-repository';

export interface StepContext {
  transfer: TransferRow;
  /** The canonical document the transfer sends (a credit invoice's built document for credit transfers). */
  invoice: SalesInvoiceInput;
  connection: ConnectionRecord;
  /**
   * The bridge database: the partner, product and dimension steps read the local registers and links first, so a
   * known customer or product costs no Procountor call (issue #5). Optional: without it they ask Procountor.
   */
  db?: Database;
  client: ProcountorClient;
  /** Mutated by the step; persisted with the step's completion. */
  progress: TransferProgress;
  log: Logger;
  /** Adds a timeline line in an accountant's words, saved with the step. */
  note(message: string, data?: Record<string, unknown>): void;
  /** Persists progress now, before a call that must not be repeated blindly (a create whose outcome may be unknown). */
  saveProgress(): Promise<void>;
  /** Procountor invoice ids other transfers of the connection own: never adopted by this one. */
  invoiceIdsOfOtherTransfers(): Promise<Set<number>>;
}

export type Step = (context: StepContext) => Promise<void>;
