// Per-connection settings of the purchase invoice import: on or off, the statuses imported, the interval,
// and whether the same schedule watches for new bills (bill.received).
import type { Kysely } from 'kysely';
import { type Static, Type } from 'typebox';
import type { DB } from '../storage/schema';
import { APPROVED_OR_LATER_STATUSES } from './purchase-invoice-statuses';

/**
 * Visma Severa's import statuses: "Approved, Payment queued, Payment sent to bank, Partially paid, Paid, or Marked
 * paid".
 */
export const DEFAULT_IMPORT_STATUSES = APPROVED_OR_LATER_STATUSES;

/** Purchase invoice statuses of the contract a configured import may start from. */
export const IMPORTABLE_STATUSES = ['RECEIVED', 'VERIFIED', ...DEFAULT_IMPORT_STATUSES] as const;

/** Visma Severa: "Costs will be transferred within 10 minutes"; the bridge looks every 5 by default. */
export const DEFAULT_INTERVAL_MINUTES = 5;

export const PurchaseInvoiceImportSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean({
      description: 'Import purchase invoices dimensioned to a project from Procountor.',
    }),
    statuses: Type.Array(Type.Union(IMPORTABLE_STATUSES.map((status) => Type.Literal(status))), {
      minItems: 1,
      uniqueItems: true,
      description: `Procountor statuses an invoice is imported from; default ${DEFAULT_IMPORT_STATUSES.join(', ')}.`,
    }),
    intervalMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      description: `Minutes between imports; default ${DEFAULT_INTERVAL_MINUTES}.`,
    }),
    billReceivedEvents: Type.Boolean({
      description:
        'On the same schedule, look for bills newly received in Procountor and tell the source of each with bill.received (docs/purchase-invoices.md "New bills"); default false.',
    }),
  },
  { additionalProperties: false },
);
export type PurchaseInvoiceImportSettings = Static<typeof PurchaseInvoiceImportSettingsSchema>;

export const PurchaseInvoiceImportSettingsPatchSchema = Type.Partial(PurchaseInvoiceImportSettingsSchema, {
  additionalProperties: false,
});

export interface StoredImportSettings extends PurchaseInvoiceImportSettings {
  versionCursor: string | null;
  lastRunAt: Date | null;
  lastResult: Record<string, unknown> | null;
}

export async function readImportSettings(db: Kysely<DB>, connectionId: string): Promise<StoredImportSettings> {
  const row = await db
    .selectFrom('purchase_invoice_import_settings')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return {
    enabled: row?.enabled ?? false,
    statuses: (row?.statuses ?? [...DEFAULT_IMPORT_STATUSES]) as PurchaseInvoiceImportSettings['statuses'],
    intervalMinutes: row?.interval_minutes ?? DEFAULT_INTERVAL_MINUTES,
    billReceivedEvents: row?.bill_received_events ?? false,
    versionCursor: row?.version_cursor ?? null,
    lastRunAt: row?.last_run_at ?? null,
    lastResult: row?.last_result ?? null,
  };
}

/** Whether the connection's schedule runs at all: for the import, the bill watch, or both. */
export function isScheduled(settings: Pick<PurchaseInvoiceImportSettings, 'enabled' | 'billReceivedEvents'>): boolean {
  return settings.enabled || settings.billReceivedEvents;
}

/** Saves the settings; a change of statuses clears the cursor, so invoices already in a newly added status are seen. */
export async function saveImportSettings(
  db: Kysely<DB>,
  connectionId: string,
  patch: Partial<PurchaseInvoiceImportSettings>,
): Promise<StoredImportSettings> {
  const current = await readImportSettings(db, connectionId);
  const next = { ...current, ...patch };
  const statusesChanged = JSON.stringify([...next.statuses].sort()) !== JSON.stringify([...current.statuses].sort());
  const values = {
    enabled: next.enabled,
    statuses: JSON.stringify(next.statuses),
    interval_minutes: next.intervalMinutes,
    bill_received_events: next.billReceivedEvents,
    updated_at: new Date(),
    ...(statusesChanged ? { version_cursor: null } : {}),
  };
  await db
    .insertInto('purchase_invoice_import_settings')
    .values({ connection_id: connectionId, ...values })
    .onConflict((conflict) => conflict.column('connection_id').doUpdateSet(values))
    .execute();
  return readImportSettings(db, connectionId);
}
