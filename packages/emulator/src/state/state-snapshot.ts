// Saves and loads the state as JSON (--state file.json); Maps are written as tagged entry lists.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CompactRecordMap } from './compact-record-map';
import type { EmulatorState } from './emulator-state';

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? { $map: [...value.entries()] } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$map' in value)
    return new Map((value as { $map: [unknown, unknown][] }).$map);
  return value;
}

export function serializeState(state: EmulatorState): string {
  return JSON.stringify(state, replacer);
}

export function deserializeState(json: string): EmulatorState {
  const state = JSON.parse(json, reviver) as EmulatorState;
  // Invoices and ledger receipts are kept compact (create-company.ts), also after a load.
  for (const company of state.companies.values()) {
    company.invoices = new CompactRecordMap(company.invoices);
    company.ledgerReceipts = new CompactRecordMap(company.ledgerReceipts);
  }
  return state;
}

export function loadStateFile(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  return deserializeState(readFileSync(path, 'utf8'));
}

/** Writes to a temporary file first so a crash never leaves half a snapshot. */
export function saveStateFile(path: string, state: EmulatorState): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, serializeState(state));
  renameSync(temporary, path);
}
