// Tests what only PGlite needs: its single connection is handed out in turn, and a self-deadlock fails with advice.
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteSnapshot } from '../../test/helpers/test-database';
import { ConnectionWaitTimeoutError } from './connection-mutex';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './schema';

describe('PGliteDialect', () => {
  let db: Kysely<DB>;
  beforeAll(async () => {
    const snapshot = await pgliteSnapshot(false);
    const pglite = new PGlite('memory://', snapshot ? { loadDataDir: snapshot } : {});
    db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite, connectionWaitTimeoutMs: 300 }) });
  });
  afterAll(() => db.destroy());

  it('makes a query outside a transaction wait until the transaction ends, so it never joins it', async () => {
    await db.schema.createTable('bridge_meta').addColumn('key', 'text').addColumn('value', 'text').execute();
    const order: string[] = [];
    let releaseTransaction!: () => void;
    const transaction = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bridge_meta')
        .values({ key: 'in_transaction', value: '1' } as never)
        .execute();
      order.push('transaction inserted');
      await new Promise<void>((resolve) => {
        releaseTransaction = resolve;
      });
      throw new Error('roll back');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db
      .selectFrom('bridge_meta')
      .select('key')
      .execute()
      .then((rows) => {
        order.push('outside read');
        return rows;
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTransaction();
    await expect(transaction).rejects.toThrow('roll back');
    expect(await outside).toEqual([]);
    expect(order).toEqual(['transaction inserted', 'outside read']);
  });

  it('throws ConnectionWaitTimeoutError, naming the fix, when a transaction queries `db` instead of `trx`', async () => {
    const mistake = db.transaction().execute(async () => {
      await db.selectFrom('bridge_meta').selectAll().execute();
    });
    await expect(mistake).rejects.toThrow(ConnectionWaitTimeoutError);
    await expect(mistake).rejects.toThrow(/run it on `trx` instead/);
    // The connection is free again afterwards.
    expect(await db.selectFrom('bridge_meta').selectAll().execute()).toEqual([]);
  });
});
