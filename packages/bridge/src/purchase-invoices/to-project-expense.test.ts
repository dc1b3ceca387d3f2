import type { ProcountorLedgerReceipt } from '@procountor-bridge/client';
import { describe, expect, it } from 'vitest';
import { dimensionNamesOf, findProjectDimensionId, projectCodesOf } from './to-project-expense';

const names = dimensionNamesOf([
  { id: 1, name: 'Kustannuspaikat', items: [{ id: 11, codeName: 'CC-1' }] },
  {
    id: 2,
    name: 'Projektit',
    items: [
      { id: 21, codeName: 'P-1' },
      { id: 22, codeName: 'P-2' },
    ],
  },
  { id: 3, name: 'Asiakasprojektit', items: [{ id: 31, codeName: 'AP-1' }] },
]);

const receipt = (values: Array<{ dimensionId: number; itemId: number }>[]) =>
  ({
    transactions: values.map((dimensionItemValues, index) => ({
      id: index + 1,
      dimensionItemValues: dimensionItemValues.map((value) => ({ ...value, value: 10 })),
    })),
  }) as unknown as ProcountorLedgerReceipt;

describe('findProjectDimensionId', () => {
  it('takes the dimension the connection names', () => {
    expect(findProjectDimensionId(names, 'Asiakasprojektit')).toBe(3);
  });
  it('without a setting, takes the first dimension whose name says project', () => {
    expect(findProjectDimensionId(names, undefined)).toBe(2);
  });
  it('finds nothing when the named dimension does not exist (no guessing then)', () => {
    expect(findProjectDimensionId(names, 'Projects')).toBeUndefined();
  });
});

describe('projectCodesOf', () => {
  it('lists the project item codes of every transaction once, in first-seen order', () => {
    const codes = projectCodesOf(
      receipt([
        [
          { dimensionId: 2, itemId: 22 },
          { dimensionId: 1, itemId: 11 },
        ],
        [{ dimensionId: 2, itemId: 21 }],
        [{ dimensionId: 2, itemId: 22 }],
      ]),
      2,
      names,
    );
    expect(codes).toEqual(['P-2', 'P-1']);
  });
  it('is empty when only other dimensions are set, or without a receipt or project dimension', () => {
    expect(projectCodesOf(receipt([[{ dimensionId: 1, itemId: 11 }]]), 2, names)).toEqual([]);
    expect(projectCodesOf(undefined, 2, names)).toEqual([]);
    expect(projectCodesOf(receipt([[{ dimensionId: 2, itemId: 21 }]]), undefined, names)).toEqual([]);
  });
});
