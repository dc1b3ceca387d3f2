// Procountor's partners, products and dimension items as the records the bridge stores: one mapping for the register
// sync and for the records a push or a transfer remembers at once.
import type {
  ProcountorBusinessPartnerBasicInfo,
  ProcountorDimension,
  ProcountorDimensionItem,
  ProcountorProduct,
} from '@procountor-bridge/client';
import { normalizeBusinessIdForMatch } from '../business-partners/match-business-partner';
import type { RegisterRecordInput } from './register-records';

export function partnerRecord(partner: ProcountorBusinessPartnerBasicInfo): RegisterRecordInput {
  const identifier = partner.invoicingInfo?.identifier;
  return {
    recordKey: String(partner.id),
    procountorId: partner.id ?? null,
    code: partner.invoicingInfo?.customerNumber || null,
    name: partner.name ?? '',
    identifier: (partner.type === 'PERSON' ? identifier : normalizeBusinessIdForMatch(identifier)) || null,
    active: partner.registryInfo?.active !== false,
    version: partner.version ?? null,
    data: partner as Record<string, unknown>,
  };
}

export function productRecord(product: ProcountorProduct): RegisterRecordInput {
  return {
    recordKey: String(product.id),
    procountorId: product.id ?? null,
    code: product.code || null,
    name: product.name,
    identifier: null,
    active: product.active !== false,
    version: product.version ?? null,
    data: product as unknown as Record<string, unknown>,
  };
}

/** An item keyed by its dimension too (item ids are per dimension); the dimension's name is the identifier. */
export function dimensionItemRecord(
  dimension: Pick<ProcountorDimension, 'id' | 'name'>,
  item: ProcountorDimensionItem,
): RegisterRecordInput {
  return {
    recordKey: `${dimension.id}:${item.id}`,
    procountorId: item.id ?? null,
    code: item.codeName,
    name: item.description || item.codeName,
    identifier: dimension.name,
    // Contract (DimensionItem.status): absent when active, "P" when inactive.
    active: item.status !== 'P',
    version: null,
    data: { ...item, dimensionId: dimension.id, dimensionName: dimension.name },
  };
}

export function dimensionItemRecords(dimensions: readonly ProcountorDimension[]): RegisterRecordInput[] {
  return dimensions.flatMap((dimension) => (dimension.items ?? []).map((item) => dimensionItemRecord(dimension, item)));
}
