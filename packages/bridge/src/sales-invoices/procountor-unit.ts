// Canonical units to Procountor's InvoiceRow.unit enum, accepting the contract's names and common short forms.

import type { components } from '@procountor-bridge/client/generated';
import { contractSchemas } from '@procountor-bridge/client/generated';

export type ProcountorUnit = NonNullable<components['schemas']['InvoiceRow']['unit']>;

/** Every unit name the contract allows on an invoice row. */
export const PROCOUNTOR_UNITS: ReadonlySet<string> = new Set(
  (contractSchemas.InvoiceRow as { properties: { unit: { enum: string[] } } }).properties.unit.enum,
);

/** Short forms sources use (Finnish and English). */
const UNIT_ALIASES: Record<string, ProcountorUnit> = {
  h: 'HOUR',
  hour: 'HOUR',
  hours: 'HOUR',
  t: 'HOUR',
  pcs: 'PIECE',
  pc: 'PIECE',
  kpl: 'PIECE',
  days: 'DAY',
  pv: 'DAY',
  kk: 'MONTH',
  km: 'KILOMETER',
  kg: 'KILOGRAM',
  l: 'LITER',
  m: 'METER',
  m2: 'SQUARE_METER',
  min: 'MINUTE',
  v: 'YEAR',
  vk: 'WEEK',
  erä: 'LOT',
};

/** undefined when the unit is neither a Procountor unit name nor a known short form. */
export function toProcountorUnit(unit: string | undefined): ProcountorUnit | undefined {
  if (!unit) return undefined;
  const upper = unit.trim().toUpperCase();
  if (PROCOUNTOR_UNITS.has(upper)) return upper as ProcountorUnit;
  return UNIT_ALIASES[unit.trim().toLowerCase()];
}
