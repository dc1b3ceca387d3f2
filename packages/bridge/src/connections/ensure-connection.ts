// Creates or updates a connection by name from given credentials and activates it (config's "Default", the demo).
import type { Logger } from 'pino';
import type { ProcountorEnvironmentName } from './connection-record';
import type { ConnectionStoredRecord } from './connection-repository';
import type { ConnectionAdministration } from './connection-service';

export interface EnsureConnectionInput {
  name: string;
  environment: ProcountorEnvironmentName;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/**
 * The named connection with exactly these credentials, activated. Credentials that did not change are not
 * re-stored (credentials_version stays). A refused check is logged, not thrown: the bridge still starts, so the
 * operator can fix the key through the API or CLI.
 */
export async function ensureConnection(
  connections: ConnectionAdministration,
  input: EnsureConnectionInput,
  logger: Logger,
): Promise<ConnectionStoredRecord> {
  let connection = await connections.findByName(input.name);
  if (!connection) connection = await connections.create(input);
  try {
    if (!(await connections.hasCredentials(connection.id, input))) {
      connection = await connections.replaceCredentials(connection.id, input);
    }
    if (connection.status === 'disabled') return connection;
    return await connections.activate(connection.id);
  } catch (error) {
    logger.error(
      { err: error, connectionId: connection.id, connectionName: input.name },
      'connection check failed at start',
    );
    return (await connections.find(connection.id)) ?? connection;
  }
}
