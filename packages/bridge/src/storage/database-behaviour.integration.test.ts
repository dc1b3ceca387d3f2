// Tests that the Database behaves the same on PostgreSQL and PGlite: transactions, value types, multi-statement SQL.
import { CompiledQuery, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';

describeOnBothDatabases('Database', (database) => {
  it('commits a transaction and rolls one back when its callback throws', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('bridge_meta').values({ key: 'committed', value: 'yes' }).execute();
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('bridge_meta').values({ key: 'rolled_back', value: 'no' }).execute();
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const keys = await database.db.selectFrom('bridge_meta').select('key').orderBy('key').execute();
    expect(keys.map((row) => row.key)).toEqual(['committed']);
  });

  it('runs concurrent transactions without mixing them up', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('bridge_meta')
            .values({ key: `concurrent_${index}`, value: 'a' })
            .execute();
          await trx.updateTable('bridge_meta').set({ value: 'b' }).where('key', '=', `concurrent_${index}`).execute();
          if (index % 2 === 1) throw new Error('odd ones roll back');
        }),
      ).map((promise) => promise.catch(() => undefined)),
    );
    const rows = await database.db.selectFrom('bridge_meta').selectAll().where('key', 'like', 'concurrent_%').execute();
    expect(rows.map((row) => [row.key, row.value]).sort()).toEqual([
      ['concurrent_0', 'b'],
      ['concurrent_2', 'b'],
      ['concurrent_4', 'b'],
    ]);
  });

  it('rolls back to a savepoint inside a controlled transaction', async () => {
    const trx = await database.db.startTransaction().execute();
    await trx.insertInto('bridge_meta').values({ key: 'outer', value: '1' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('bridge_meta').values({ key: 'inner', value: '1' }).execute();
    await inner.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    const keys = await database.db
      .selectFrom('bridge_meta')
      .select('key')
      .where('key', 'in', ['outer', 'inner'])
      .execute();
    expect(keys.map((row) => row.key)).toEqual(['outer']);
  });

  it('reports affected rows of an update', async () => {
    const result = await database.db
      .updateTable('bridge_meta')
      .set({ value: 'c' })
      .where('key', 'like', 'concurrent_%')
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(3n);
  });

  it('returns the same JavaScript values for common column types, with and without parameters', async () => {
    const expected = {
      i4: 1,
      i8: '2',
      num: '1.50',
      b: true,
      tz: new Date('2026-01-02T03:04:05.000Z'),
      jb: { a: [1, 'x'] },
      arr: ['a', 'b'],
    };
    const literal = await sql`select 1::int4 as i4, 2::int8 as i8, 1.50::numeric as num, true as b,
      '2026-01-02T03:04:05Z'::timestamptz as tz, '{"a":[1,"x"]}'::jsonb as jb, array['a','b'] as arr`.execute(
      database.db,
    );
    expect(literal.rows[0]).toEqual(expected);
    const bound = await sql`select ${1}::int4 as i4, ${2}::int8 as i8, ${'1.50'}::numeric as num, ${true}::boolean as b,
      ${new Date('2026-01-02T03:04:05Z')}::timestamptz as tz, ${JSON.stringify({ a: [1, 'x'] })}::jsonb as jb,
      ${['a', 'b']}::text[] as arr`.execute(database.db);
    expect(bound.rows[0]).toEqual(expected);
  });

  it('runs a multi-statement script without parameters, as pg-boss installs its schema', async () => {
    // Rows of a script are unspecified (node-postgres answers an array Kysely drops); pg-boss reads none.
    await database.db.executeQuery(
      CompiledQuery.raw(`begin; insert into bridge_meta (key, value) values ('script', 's');
        update bridge_meta set value = 't' where key = 'script'; commit;`),
    );
    const row = await database.db
      .selectFrom('bridge_meta')
      .select('value')
      .where('key', '=', 'script')
      .executeTakeFirst();
    expect(row).toEqual({ value: 't' });
  });
});
