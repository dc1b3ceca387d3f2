// Creates or updates the source's products in Procountor (code, name, unit, price, VAT, sales account), and links them.
import type { ProcountorProduct } from '@procountor-bridge/client';
import type { PushResult } from '../business-partners/push-customers';
import type { ConnectionRecord, ConnectionService } from '../connections/connection-record';
import { findLink, replaceLink, upsertSourceRecords } from '../registers/register-links';
import { findRecordsByCode, rememberRegisterRecord, syncedRegisters } from '../registers/register-records';
import { productRecord } from '../registers/to-register-record';
import { toProcountorUnit } from '../sales-invoices/procountor-unit';
import type { Database } from '../storage/schema';
import { findProductByCode } from '../transfers/steps/resolve-products';

export interface SourceProductInput {
  code: string;
  name: string;
  unit?: string | undefined;
  unitPrice?: number | undefined;
  vatPercent?: number | undefined;
  /** The product's default ledger account in Procountor (contract Product.defaultAccount), e.g. 3000. */
  salesAccount?: string | undefined;
  currency?: string | undefined;
  /** false inactivates the product in Procountor. Default true. */
  active?: boolean | undefined;
}

interface PushContext {
  db: Database;
  connection: ConnectionRecord;
  client: Awaited<ReturnType<ConnectionService['procountorClient']>>;
}

/** The product as the source describes it, over what Procountor has (fields the source does not give are kept). */
function wantedProduct(input: SourceProductInput, current: ProcountorProduct | undefined): ProcountorProduct {
  return {
    ...(current ?? { type: 'SALES', discount: 0, price: 0, currency: 'EUR' }),
    type: current?.type ?? 'SALES',
    code: input.code,
    name: input.name.slice(0, 100),
    ...(input.unit ? { unit: (toProcountorUnit(input.unit) ?? 'PIECE') as ProcountorProduct['unit'] } : {}),
    ...(input.unitPrice !== undefined ? { price: input.unitPrice } : {}),
    ...(input.vatPercent !== undefined ? { vat: input.vatPercent } : {}),
    ...(input.salesAccount ? { defaultAccount: input.salesAccount } : {}),
    ...(input.currency ? { currency: input.currency as ProcountorProduct['currency'] } : {}),
    active: input.active ?? true,
  } as ProcountorProduct;
}

const FIELDS = ['name', 'unit', 'price', 'vat', 'defaultAccount', 'currency', 'active'] as const;

/** An unlinked product's match: the synced register's SALES product of that code, else Procountor's. */
async function findUnlinkedId(context: PushContext, code: string): Promise<number | undefined> {
  const { db, connection } = context;
  if ((await syncedRegisters(db, connection.id)).has('products')) {
    const record = (await findRecordsByCode(db, connection.id, 'products', [code])).find(
      (candidate) => candidate.data.type === 'SALES' && candidate.procountorId !== null,
    );
    if (record) return record.procountorId as number;
  }
  return (await findProductByCode(context.client, code))?.id;
}

async function remember(context: PushContext, product: ProcountorProduct) {
  await rememberRegisterRecord(context.db, context.connection.id, 'products', productRecord(product));
}

export async function pushProduct(context: PushContext, input: SourceProductInput): Promise<PushResult> {
  const { db, connection, client } = context;
  await upsertSourceRecords(db, connection.id, 'product', [
    { sourceKey: input.code, name: input.name, code: input.code, data: input as unknown as Record<string, unknown> },
  ]);
  const link = await findLink(db, connection.id, 'product', input.code);
  const existingId = link?.procountorId ?? (await findUnlinkedId(context, input.code));
  if (existingId === undefined) {
    const created = await client.products.create(wantedProduct(input, undefined));
    await remember(context, created);
    await replaceLink(db, connection.id, {
      kind: 'product',
      sourceKey: input.code,
      procountorId: created.id as number,
      origin: 'created',
    });
    return { sourceKey: input.code, outcome: 'created', procountorId: created.id as number };
  }
  const current = await client.products.get(existingId);
  const wanted = wantedProduct(input, current);
  await replaceLink(db, connection.id, {
    kind: 'product',
    sourceKey: input.code,
    procountorId: existingId,
    origin: link?.origin ?? 'transfer',
  });
  if (FIELDS.every((field) => (current[field] ?? null) === (wanted[field] ?? null))) {
    await remember(context, current);
    return { sourceKey: input.code, outcome: 'unchanged', procountorId: existingId };
  }
  const { id: _id, version: _version, ...body } = wanted;
  const updated = await client.products.update(existingId, body as ProcountorProduct);
  await remember(context, { ...wanted, ...updated, id: existingId });
  return { sourceKey: input.code, outcome: 'updated', procountorId: existingId };
}
