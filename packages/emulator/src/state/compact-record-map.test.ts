import { afterEach, describe, expect, it } from 'vitest';
import { CompactRecordMap } from './compact-record-map';
import { createEmptyState } from './emulator-state';
import { deserializeState, serializeState } from './state-snapshot';

const DEFAULT_CAPACITY = CompactRecordMap.hotCapacity;
/** Sweeps run after the current task (setImmediate). */
const afterSweep = () => new Promise((resolve) => setImmediate(resolve));

interface Row {
  id: number;
  name: string;
  rows: Array<{ amount: number }>;
}
const row = (id: number): Row => ({ id, name: `Asiakas ${id} Oy`, rows: [{ amount: id * 1.5 }] });

describe('CompactRecordMap: a Map that compresses what is not in use', () => {
  afterEach(() => {
    CompactRecordMap.hotCapacity = DEFAULT_CAPACITY;
  });

  it('answers as a Map in insertion order, whatever is compressed', async () => {
    CompactRecordMap.hotCapacity = 2;
    const map = new CompactRecordMap<Row>();
    for (const id of [5, 3, 9, 1]) map.set(id, row(id));
    await afterSweep();
    expect(map.size).toBe(4);
    expect([...map.keys()]).toEqual([5, 3, 9, 1]);
    expect([...map.values()]).toEqual([row(5), row(3), row(9), row(1)]);
    expect([...map].map(([key]) => key)).toEqual([5, 3, 9, 1]);
    expect(map.get(5)).toEqual(row(5));
    expect(map.has(3) && !map.has(4)).toBe(true);
    expect(map.get(4)).toBeUndefined();
    expect(map.delete(3)).toBe(true);
    expect([...map.keys()]).toEqual([5, 9, 1]);
    expect(map instanceof Map).toBe(true);
    map.clear();
    expect(map.size).toBe(0);
  });

  it('keeps a change made in place on a live record once it is compressed and read again', async () => {
    CompactRecordMap.hotCapacity = 1;
    const map = new CompactRecordMap<Row>();
    map.set(1, row(1));
    map.set(2, row(2));
    await afterSweep();
    const first = map.get(1)!; // decompressed, live again; 2 is compressed after this task
    first.name = 'Muutettu Oy';
    first.rows.push({ amount: 7 });
    map.get(2);
    await afterSweep();
    expect(map.get(1)).toEqual({ id: 1, name: 'Muutettu Oy', rows: [{ amount: 1.5 }, { amount: 7 }] });
  });

  it('never compresses during the task that holds a record, so a late change in the same task is kept', async () => {
    CompactRecordMap.hotCapacity = 1;
    const map = new CompactRecordMap<Row>();
    map.set(1, row(1));
    const held = map.get(1)!;
    for (let id = 2; id <= 10; id += 1) map.set(id, row(id));
    held.name = 'Myöhään muutettu';
    await afterSweep();
    expect(map.get(1)!.name).toBe('Myöhään muutettu');
  });

  it('hands out compressed records as frozen copies when iterated, so a change through them fails loudly', async () => {
    CompactRecordMap.hotCapacity = 1;
    const map = new CompactRecordMap<Row>([
      [1, row(1)],
      [2, row(2)],
    ]);
    await afterSweep();
    const [cold] = [...map.values()];
    expect(Object.isFrozen(cold) && Object.isFrozen(cold!.rows[0])).toBe(true);
    expect(() => {
      cold!.name = 'x';
    }).toThrow(TypeError);
  });

  it('survives a state snapshot: saved with every record, loaded compact again', async () => {
    CompactRecordMap.hotCapacity = 1;
    const state = createEmptyState();
    const map = new CompactRecordMap<Row>([
      [1, row(1)],
      [2, row(2)],
    ]);
    state.companies.set(7, { invoices: map, ledgerReceipts: new CompactRecordMap() } as never);
    await afterSweep();
    const loaded = deserializeState(serializeState(state)).companies.get(7)!;
    expect(loaded.invoices).toBeInstanceOf(CompactRecordMap);
    expect([...loaded.invoices.values()]).toEqual([row(1), row(2)]);
  });
});
