// The connections table's SQL: rows in and out, credentials sealed with AES-256-GCM bound to the connection id.
import { randomBytes } from 'node:crypto';
import { type Selectable, sql, type UpdateObject } from 'kysely';
import { decryptSecret, encryptSecret } from '../secrets/encrypt-secret';
import { maskSecret } from '../secrets/mask-secret';
import type { Database, DB } from '../storage/schema';
import type { ConnectionsTable } from '../storage/tables/connection-tables';
import type { ConnectionRecord, ConnectionStatus, ProcountorEnvironmentName } from './connection-record';
import { withDefaultSettings } from './connection-settings';

/** The two credentials that stay encrypted; the client id is not secret (Procountor publishes it per integration). */
export interface ConnectionSecrets {
  clientSecret: string;
  apiKey: string;
}

export interface ConnectionCredentials extends ConnectionSecrets {
  environment: ProcountorEnvironmentName;
  baseUrl: string;
  clientId: string;
}

export interface NewConnection extends ConnectionCredentials {
  name: string;
  settings: Record<string, unknown>;
}

/** Facts learnt from Procountor when the credentials were checked (activation). */
export interface CompanyFacts {
  procountorCompanyId: number | null;
  companyName: string | null;
  companyBusinessId: string | null;
  companyIban: string | null;
}

type ConnectionRow = Selectable<ConnectionsTable>;

/** `con_` and 16 hex characters: short enough for a URL and a CLI argument, random enough never to collide. */
export function newConnectionId(): string {
  return `con_${randomBytes(8).toString('hex')}`;
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;

export function createConnectionRepository(db: Database, secretKey: Buffer) {
  // The context binds each ciphertext to its row and column: copied elsewhere, it fails to decrypt (secrets/).
  const context = (id: string, field: keyof ConnectionSecrets) => `connection:${id}:${field}`;
  const seal = (id: string, secrets: ConnectionSecrets) => ({
    client_secret_encrypted: encryptSecret(secrets.clientSecret, secretKey, context(id, 'clientSecret')),
    api_key_encrypted: encryptSecret(secrets.apiKey, secretKey, context(id, 'apiKey')),
  });

  const maskStored = (id: string, stored: string, field: keyof ConnectionSecrets) => {
    try {
      return maskSecret(decryptSecret(stored, secretKey, context(id, field)));
    } catch {
      // Sealed with another BRIDGE_SECRET_KEY: listing still works; using the connection reports the key problem.
      return '(unreadable: wrong BRIDGE_SECRET_KEY)';
    }
  };

  const toRecord = (row: ConnectionRow): ConnectionRecord & { clientSecretMasked: string } => ({
    id: row.id,
    name: row.name,
    status: row.status,
    environment: row.environment,
    baseUrl: row.base_url,
    clientId: row.client_id,
    apiKeyMasked: maskStored(row.id, row.api_key_encrypted, 'apiKey'),
    clientSecretMasked: maskStored(row.id, row.client_secret_encrypted, 'clientSecret'),
    credentialsVersion: row.credentials_version,
    procountorCompanyId: row.procountor_company_id,
    companyName: row.company_name,
    companyBusinessId: row.company_business_id,
    companyIban: row.company_iban,
    settings: withDefaultSettings(row.settings),
    activatedAt: row.activated_at,
    lastCheckedAt: row.last_checked_at,
    lastCheckError: row.last_check_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const selectAll = () => db.selectFrom('connections').selectAll();

  return {
    async insert(connection: NewConnection): Promise<ConnectionStoredRecord> {
      const id = newConnectionId();
      const row = await db
        .insertInto('connections')
        .values({
          id,
          name: connection.name,
          status: 'draft',
          environment: connection.environment,
          base_url: connection.baseUrl,
          client_id: connection.clientId,
          ...seal(id, connection),
          procountor_company_id: null,
          company_name: null,
          company_business_id: null,
          company_iban: null,
          settings: JSON.stringify(connection.settings),
          activated_at: null,
          last_checked_at: null,
          last_check_error: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async find(id: string): Promise<ConnectionStoredRecord | undefined> {
      const row = await selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async findByName(name: string): Promise<ConnectionStoredRecord | undefined> {
      const row = await selectAll().where('name', '=', name).orderBy('created_at').executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async list(): Promise<ConnectionStoredRecord[]> {
      const rows = await selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map((row) => toRecord(row));
    },

    /** The credentials in clear, for building a Procountor client; never returned by the API. */
    async readSecrets(id: string): Promise<ConnectionSecrets | undefined> {
      const row = await db
        .selectFrom('connections')
        .select(['client_secret_encrypted', 'api_key_encrypted'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        clientSecret: decryptSecret(row.client_secret_encrypted, secretKey, context(id, 'clientSecret')),
        apiKey: decryptSecret(row.api_key_encrypted, secretKey, context(id, 'apiKey')),
      };
    },

    /** The settings as stored: only those someone set, without defaults. */
    async readStoredSettings(id: string): Promise<Record<string, unknown> | undefined> {
      const row = await db.selectFrom('connections').select('settings').where('id', '=', id).executeTakeFirst();
      return row?.settings;
    },

    async updateDetails(id: string, changes: { name?: string; settings?: Record<string, unknown> }) {
      return update(id, {
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.settings === undefined ? {} : { settings: JSON.stringify(changes.settings) }),
      });
    },

    /** Stores new credentials and raises credentials_version, so cached clients of the old ones are dropped. */
    async replaceCredentials(id: string, credentials: ConnectionCredentials) {
      return update(id, {
        environment: credentials.environment,
        base_url: credentials.baseUrl,
        client_id: credentials.clientId,
        ...seal(id, credentials),
        credentials_version: sql<number>`credentials_version + 1`,
        last_check_error: null,
      });
    },

    /** Stores what the check learnt; `status` is active, or disabled for a disabled connection re-checked. */
    async recordCheckSucceeded(id: string, facts: CompanyFacts, at: Date, status: 'active' | 'disabled') {
      return update(id, {
        status,
        procountor_company_id: facts.procountorCompanyId,
        company_name: facts.companyName,
        company_business_id: facts.companyBusinessId,
        company_iban: facts.companyIban,
        activated_at: sql<Date>`coalesce(activated_at, ${at})`,
        last_checked_at: at,
        last_check_error: null,
      });
    },

    async recordCheckFailed(id: string, message: string, at: Date) {
      return update(id, { last_checked_at: at, last_check_error: message });
    },

    async setStatus(id: string, status: ConnectionStatus) {
      return update(id, { status });
    },

    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };

  async function update(
    id: string,
    values: UpdateObject<DB, 'connections'>,
  ): Promise<ConnectionStoredRecord | undefined> {
    const row = await db
      .updateTable('connections')
      .set({ ...values, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }
}

/** A connection as the repository returns it: the record plus the masked client secret, for display. */
export type ConnectionStoredRecord = ConnectionRecord & { clientSecretMasked: string };
