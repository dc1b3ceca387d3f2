// At start: the "Default" connection from configured credentials, or in demo mode the emulator, its connection and an admin token.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { environmentOfBaseUrl } from '../connections/connection-input';
import { ensureConnection } from '../connections/ensure-connection';
import type { BridgeServices } from './bridge-services';

export const DEFAULT_CONNECTION_NAME = 'Default';
export const DEMO_ADMIN_TOKEN_FILE = 'demo-admin-token';

export interface BootstrapResult {
  demo: { emulatorBaseUrl: string; adminToken: string; adminTokenFile: string; connectionId: string } | undefined;
  stopEmulator?: () => Promise<void>;
}

export async function bootstrapConnection(services: BridgeServices): Promise<BootstrapResult> {
  const { config, connections, logger } = services;
  if (config.procountor) {
    const { baseUrl, clientId, clientSecret, apiKey } = config.procountor;
    const input = {
      name: DEFAULT_CONNECTION_NAME,
      environment: environmentOfBaseUrl(baseUrl),
      baseUrl,
      clientId,
      clientSecret,
      apiKey,
    };
    await ensureConnection(connections, input, logger);
    return { demo: undefined };
  }

  // Loaded only in demo mode: the emulator (a second Fastify app with its seed data) costs ~30 MB of memory.
  const { DEMO_CONNECTION_NAME, startDemoProcountor } = await import('./demo-procountor');
  const { emulator, credentials } = await startDemoProcountor(config.dataDir);
  try {
    // The emulator's port changes on every start: ensureConnection stores the new base URL (a new credentials version).
    const connection = await ensureConnection(
      connections,
      { name: DEMO_CONNECTION_NAME, environment: 'custom', baseUrl: emulator.baseUrl, ...credentials },
      logger,
    );
    const adminTokenFile = path.join(config.dataDir, DEMO_ADMIN_TOKEN_FILE);
    const adminToken = await demoAdminToken(services, adminTokenFile);
    return {
      demo: { emulatorBaseUrl: emulator.baseUrl, adminToken, adminTokenFile, connectionId: connection.id },
      stopEmulator: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** The token saved by an earlier demo start if it still works, else a new admin token written with mode 0600. */
async function demoAdminToken(services: BridgeServices, filePath: string): Promise<string> {
  const saved = await readFile(filePath, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (saved && (await services.apiTokens.authenticateToken(saved))?.kind === 'admin') return saved;
  const { token } = await services.apiTokens.create({ name: 'Demo admin' });
  await writeFile(filePath, `${token}\n`, { mode: 0o600 });
  await chmod(filePath, 0o600);
  return token;
}
