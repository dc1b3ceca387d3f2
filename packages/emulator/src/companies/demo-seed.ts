// TODO(#3): the demo company (customers, products, dimensions, VATs, chart of accounts) for `--seed demo`.
import type { EmulatorState } from '../state/emulator-state';
import { type CreatedCompany, createCompany } from './create-company';

/** Well-known credentials of the demo company, so demo set-ups can be scripted. */
export const DEMO_CLIENT_ID = 'procountorBridgeDemoClient';

export function seedDemoCompany(state: EmulatorState, nowIso: string): CreatedCompany {
  return createCompany(state, { name: 'Demo Company Oy', clientId: DEMO_CLIENT_ID }, nowIso);
}
