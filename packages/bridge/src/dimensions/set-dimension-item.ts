// Creates, renames, inactivates or reactivates one project, cost centre or business unit as an item of the dimension
// the connection names for it (as Visma Severa's integration does: "if a dimension item is closed or inactivated, its
// status will also be updated in Procountor").
import type { ProcountorDimensionItem } from '@procountor-bridge/client';
import type { PushResult } from '../business-partners/push-customers';
import type { ConnectionRecord, ConnectionService } from '../connections/connection-record';
import { rememberRegisterRecord } from '../registers/register-records';
import { dimensionItemRecord } from '../registers/to-register-record';
import type { Database } from '../storage/schema';
import type { DimensionKind } from '../transfers/steps/ensure-dimension-items';

/** Contract (DimensionItem.status): "P" when inactive; left out when active. */
const INACTIVE_STATUS = 'P';

export const DIMENSION_SETTING: Record<
  DimensionKind,
  'projectDimension' | 'costCenterDimension' | 'businessUnitDimension'
> = {
  project: 'projectDimension',
  costCenter: 'costCenterDimension',
  businessUnit: 'businessUnitDimension',
};

export interface DimensionItemInput {
  kind: DimensionKind;
  code: string;
  /** The item's description in Procountor; default the code. */
  name?: string | undefined;
  /** false when the project is closed or the cost centre inactivated in the source. */
  active: boolean;
}

export async function setDimensionItem(
  context: {
    db: Database;
    connection: ConnectionRecord;
    client: Awaited<ReturnType<ConnectionService['procountorClient']>>;
  },
  input: DimensionItemInput,
): Promise<PushResult> {
  const { db, connection, client } = context;
  const sourceKey = `${input.kind}:${input.code}`;
  const dimensionName = connection.settings[DIMENSION_SETTING[input.kind]];
  if (!dimensionName) {
    return {
      sourceKey,
      outcome: 'failed',
      message: `the connection names no dimension for ${input.kind}; set its ${DIMENSION_SETTING[input.kind]} setting`,
    };
  }
  const dimension = (await client.dimensions.list()).find(
    (candidate) => candidate.name.toLowerCase() === dimensionName.toLowerCase(),
  );
  if (!dimension?.id) {
    return {
      sourceKey,
      outcome: 'failed',
      message: `Procountor has no dimension "${dimensionName}"; create it there or correct ${DIMENSION_SETTING[input.kind]}`,
    };
  }
  const current = (dimension.items ?? []).find((item) => item.codeName.toLowerCase() === input.code.toLowerCase());
  const description = input.name ?? current?.description ?? input.code;
  const wanted: ProcountorDimensionItem = {
    codeName: current?.codeName ?? input.code,
    description,
    ...(input.active ? {} : { status: INACTIVE_STATUS }),
  };
  let item: ProcountorDimensionItem;
  let outcome: PushResult['outcome'];
  if (!current) {
    item = await client.dimensions.createItem(dimension.id, { codeName: input.code, description });
    if (!input.active) item = await client.dimensions.updateItem(dimension.id, { ...wanted, id: item.id });
    outcome = 'created';
  } else if ((current.status === INACTIVE_STATUS) === !input.active && current.description === description) {
    item = current;
    outcome = 'unchanged';
  } else {
    item = await client.dimensions.updateItem(dimension.id, { ...wanted, id: current.id });
    outcome = 'updated';
  }
  await rememberRegisterRecord(db, connection.id, 'dimension_items', dimensionItemRecord(dimension, item));
  return { sourceKey, outcome, ...(item.id !== undefined ? { procountorId: item.id } : {}) };
}
