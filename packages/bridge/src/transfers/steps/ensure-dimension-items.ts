// Step 3: makes sure the rows' projects, cost centres and business units exist as items of the configured dimensions.
// Items the synced register already has cost no call; otherwise the dimensions are read from Procountor as before.
import type { ProcountorDimension } from '@procountor-bridge/client';
import type { ConnectionSettings } from '../../connections/connection-settings';
import { findRecordsByCode, rememberRegisterRecord, syncedRegisters } from '../../registers/register-records';
import { dimensionItemRecord } from '../../registers/to-register-record';
import type { SalesInvoiceInput } from '../../sales-invoices/sales-invoice-schema';
import { TransferRuleError } from '../transfer-errors';
import type { DimensionProgress } from '../transfer-progress';
import type { StepContext } from './step-context';

export type DimensionKind = 'project' | 'costCenter' | 'businessUnit';

const KIND_WORDS: Record<DimensionKind, string> = {
  project: 'project',
  costCenter: 'cost centre',
  businessUnit: 'business unit',
};

/**
 * The three switches come twice (as in Visma Severa's settings): for invoice rows and for travel expense lines (travel
 * invoices, expense claims).
 */
function rowsCarry(settings: ConnectionSettings, transferKind: string): Record<DimensionKind, boolean> {
  if (transferKind === 'travel_invoice' || transferKind === 'expense_claim') {
    return {
      project: settings.travelRowsCarryProjects,
      costCenter: settings.travelRowsCarryCostCenters,
      businessUnit: settings.travelRowsCarryBusinessUnits,
    };
  }
  return {
    project: settings.rowsCarryProjects,
    costCenter: settings.rowsCarryCostCenters,
    businessUnit: settings.rowsCarryBusinessUnits,
  };
}

/** The connection's dimension name per kind, where rows of this transfer kind carry that kind. */
export function configuredDimensions(
  settings: ConnectionSettings,
  transferKind = 'sales_invoice',
): Partial<Record<DimensionKind, string>> {
  const carries = rowsCarry(settings, transferKind);
  const names: Partial<Record<DimensionKind, string>> = {};
  if (settings.projectDimension && carries.project) names.project = settings.projectDimension;
  if (settings.costCenterDimension && carries.costCenter) names.costCenter = settings.costCenterDimension;
  if (settings.businessUnitDimension && carries.businessUnit) names.businessUnit = settings.businessUnitDimension;
  return names;
}

/** The codes the rows use, per configured kind. */
export function dimensionCodesOf(
  invoice: Pick<SalesInvoiceInput, 'rows'>,
  settings: ConnectionSettings,
  transferKind = 'sales_invoice',
): Map<DimensionKind, { name: string; codes: Set<string> }> {
  const wanted = new Map<DimensionKind, { name: string; codes: Set<string> }>();
  const configured = configuredDimensions(settings, transferKind);
  for (const row of invoice.rows) {
    for (const [kind, name] of Object.entries(configured) as [DimensionKind, string][]) {
      const code = row.dimensions?.[kind];
      if (!code) continue;
      const entry = wanted.get(kind) ?? { name, codes: new Set<string>() };
      entry.codes.add(code);
      wanted.set(kind, entry);
    }
  }
  return wanted;
}

/**
 * Every wanted item from the synced dimension_items register, or undefined when one is missing there (or the register
 * was never synced): then Procountor is asked, as an item may have been added there since the last sync.
 */
async function itemsFromRegister(
  context: StepContext,
  wanted: ReturnType<typeof dimensionCodesOf>,
): Promise<Partial<Record<DimensionKind, DimensionProgress>> | undefined> {
  const { db } = context;
  if (!db || !(await syncedRegisters(db, context.connection.id)).has('dimension_items')) return undefined;
  const codes = [...wanted.values()].flatMap(({ codes: kindCodes }) => [...kindCodes]);
  const records = await findRecordsByCode(db, context.connection.id, 'dimension_items', codes);
  const progress: Partial<Record<DimensionKind, DimensionProgress>> = {};
  for (const [kind, { name, codes: kindCodes }] of wanted) {
    const entry: DimensionProgress = { dimensionId: 0, itemIds: {} };
    for (const code of kindCodes) {
      const record = records.find(
        (candidate) =>
          candidate.identifier?.toLowerCase() === name.toLowerCase() &&
          candidate.code?.toLowerCase() === code.toLowerCase(),
      );
      if (!record || record.procountorId === null) return undefined;
      entry.dimensionId = Number(record.data.dimensionId);
      entry.itemIds[code] = record.procountorId;
    }
    progress[kind] = entry;
  }
  return progress;
}

export async function ensureDimensionItems(context: StepContext): Promise<void> {
  const wanted = dimensionCodesOf(context.invoice, context.connection.settings, context.transfer.kind);
  if (wanted.size === 0) return;
  const known = await itemsFromRegister(context, wanted);
  if (known) {
    context.progress.dimensions = { ...context.progress.dimensions, ...known };
    return;
  }
  // Read fresh each time: an item created by an attempt whose answer was lost is found here, not created again.
  const dimensions: ProcountorDimension[] = await context.client.dimensions.list();
  const progress = { ...context.progress.dimensions };
  for (const [kind, { name, codes }] of wanted) {
    const dimension = dimensions.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!dimension?.id) {
      throw new TransferRuleError(
        'dimension_not_found',
        `Procountor has no dimension named "${name}" for the rows' ${KIND_WORDS[kind]}s.`,
        `Create the dimension "${name}" in Procountor or correct the connection's ${kind}Dimension setting, then resend.`,
      );
    }
    const entry: DimensionProgress = progress[kind] ?? { dimensionId: dimension.id, itemIds: {} };
    for (const code of codes) {
      if (entry.itemIds[code] !== undefined) continue;
      const item = (dimension.items ?? []).find((candidate) => candidate.codeName.toLowerCase() === code.toLowerCase());
      if (item?.id !== undefined) {
        entry.itemIds[code] = item.id;
        continue;
      }
      const created = await context.client.dimensions.createItem(dimension.id, { codeName: code, description: code });
      entry.itemIds[code] = created.id as number;
      context.note(`${KIND_WORDS[kind]} ${code} added to Procountor dimension "${name}".`, {
        code,
        itemId: created.id,
      });
      if (context.db && created.id !== undefined) {
        await rememberRegisterRecord(
          context.db,
          context.connection.id,
          'dimension_items',
          dimensionItemRecord(dimension, created),
        );
      }
    }
    progress[kind] = entry;
    context.progress.dimensions = progress;
  }
}
