// Step 3: makes sure the rows' projects, cost centres and business units exist as items of the configured dimensions.
import type { ProcountorDimension } from '@procountor-bridge/client';
import type { ConnectionSettings } from '../../connections/connection-settings';
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

/** The connection's dimension name per kind, where rows carry that kind (seed 002 settings). */
export function configuredDimensions(settings: ConnectionSettings): Partial<Record<DimensionKind, string>> {
  const names: Partial<Record<DimensionKind, string>> = {};
  if (settings.projectDimension && settings.rowsCarryProjects) names.project = settings.projectDimension;
  if (settings.costCenterDimension && settings.rowsCarryCostCenters) names.costCenter = settings.costCenterDimension;
  if (settings.businessUnitDimension && settings.rowsCarryBusinessUnits)
    names.businessUnit = settings.businessUnitDimension;
  return names;
}

/** The codes the rows use, per configured kind. */
export function dimensionCodesOf(
  invoice: SalesInvoiceInput,
  settings: ConnectionSettings,
): Map<DimensionKind, { name: string; codes: Set<string> }> {
  const wanted = new Map<DimensionKind, { name: string; codes: Set<string> }>();
  const configured = configuredDimensions(settings);
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

export async function ensureDimensionItems(context: StepContext): Promise<void> {
  const wanted = dimensionCodesOf(context.invoice, context.connection.settings);
  if (wanted.size === 0) return;
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
    }
    progress[kind] = entry;
    context.progress.dimensions = progress;
  }
}
