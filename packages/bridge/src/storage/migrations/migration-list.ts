// Every migration in order, imported in code (no directory scan) so they work the same under tsx, Vitest and a bundle.
import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as connectionsTransfersEvents from './0002-connections-transfers-events';
import * as registersAndLinks from './0004-registers-and-links';
import * as payments from './0005-payments';
import * as purchaseInvoicesTravelExpenses from './0006-purchase-invoices-travel-expenses';
import * as consoleUsers from './0007-console-users';
import * as procountorWebhookAutoSubscribe from './0008-procountor-webhook-auto-subscribe';
import * as receivedBillsAndDeletedPayments from './0009-received-bills-and-deleted-payments';
import * as transfersUnfinishedIndex from './0010-transfers-unfinished-index';

/**
 * To add a migration: create `NNNN-what-it-does.ts` beside this file exporting `up` (and `down` when it can be
 * undone), import it here and add it under its file name. Never edit or reorder one that has shipped: Kysely records
 * the names it ran in `kysely_migration` and refuses a new name sorting before the last one it ran.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-connections-transfers-events': connectionsTransfersEvents,
  '0004-registers-and-links': registersAndLinks,
  '0005-payments': payments,
  '0006-purchase-invoices-travel-expenses': purchaseInvoicesTravelExpenses,
  '0007-console-users': consoleUsers,
  '0008-procountor-webhook-auto-subscribe': procountorWebhookAutoSubscribe,
  '0009-received-bills-and-deleted-payments': receivedBillsAndDeletedPayments,
  '0010-transfers-unfinished-index': transfersUnfinishedIndex,
};
