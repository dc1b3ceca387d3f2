// What the rest of the bridge knows of a connection, and the service other domains use to reach it.
import type { ProcountorClient } from '@procountor-bridge/client';
import type { ConnectionSettings } from './connection-settings';

export type ConnectionStatus = 'draft' | 'active' | 'disabled';
export type ProcountorEnvironmentName = 'production' | 'test' | 'custom';

/** A connection without its secrets (they stay encrypted in the repository). */
export interface ConnectionRecord {
  id: string;
  name: string;
  status: ConnectionStatus;
  environment: ProcountorEnvironmentName;
  baseUrl: string;
  clientId: string;
  /** Last four characters of the API key, for display ("…x7Qa"). */
  apiKeyMasked: string;
  credentialsVersion: number;
  procountorCompanyId: number | null;
  companyName: string | null;
  companyBusinessId: string | null;
  /** The company's default bank account for invoices (contract PaymentInfo.bankAccount). */
  companyIban: string | null;
  settings: ConnectionSettings;
  activatedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How other domains (transfers, sync, payments) reach connections: through this, never the repository. */
export interface ConnectionService {
  find(connectionId: string): Promise<ConnectionRecord | undefined>;
  /**
   * The connection if it may take and send documents (status active).
   * @throws ConnectionNotFoundError when it does not exist; ConnectionNotActiveError when draft or disabled.
   */
  requireActive(connectionId: string): Promise<ConnectionRecord>;
  /** A Procountor client for the connection's current credentials; cached until the credentials change. */
  procountorClient(connection: ConnectionRecord): Promise<ProcountorClient>;
}
