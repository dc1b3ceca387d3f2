// Demo mode's Procountor: the local emulator with the demo company, its state kept in the data directory.
import path from 'node:path';
import {
  type CreatedCompany,
  DEMO_CLIENT_ID,
  type EmulatorState,
  type RunningEmulator,
  saveStateFile,
  seedDemoCompany,
  startEmulator,
} from '@procountor-bridge/emulator';

export const DEMO_CONNECTION_NAME = 'Demo connection';
export const DEMO_EMULATOR_STATE_FILE = 'demo-emulator-state.json';

export interface DemoProcountor {
  emulator: RunningEmulator;
  credentials: CreatedCompany;
}

/** The demo client's first unrevoked key in a loaded state (as the emulator CLI's --seed demo finds it). */
function findDemoCredentials(state: EmulatorState): CreatedCompany | undefined {
  const key = [...state.apiKeys.values()].find((entry) => entry.clientId === DEMO_CLIENT_ID && !entry.revoked);
  const client = state.clients.get(DEMO_CLIENT_ID);
  if (!key || !client) return undefined;
  return { companyId: key.companyId, clientId: client.clientId, clientSecret: client.clientSecret, apiKey: key.apiKey };
}

/**
 * Starts the emulator on a free port with `<dataDir>/demo-emulator-state.json`, seeding the demo company on first
 * start. Keeping its state beside the bridge's database keeps the two consistent across restarts (invoices the
 * demo transferred stay in the emulator); only the port changes, so the caller updates the stored base URL.
 */
export async function startDemoProcountor(dataDir: string): Promise<DemoProcountor> {
  const statePath = path.join(dataDir, DEMO_EMULATOR_STATE_FILE);
  const emulator = await startEmulator({ port: 0, statePath });
  const { state } = emulator.context;
  let credentials = findDemoCredentials(state);
  if (!credentials) {
    credentials = seedDemoCompany(state, new Date(emulator.context.now()).toISOString());
    saveStateFile(statePath, state);
  }
  return { emulator, credentials };
}
