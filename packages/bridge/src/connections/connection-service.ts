// The connections service: what other domains use (ConnectionService) plus the admin operations behind API and CLI.
import type { ProcountorClient } from '@procountor-bridge/client';
import type { Logger } from 'pino';
import { ValidationFailedError } from '../errors/bridge-error';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { Database } from '../storage/schema';
import { checkProcountorCredentials } from './check-procountor-credentials';
import {
  ConnectionCheckError,
  ConnectionNameTakenError,
  ConnectionNotActiveError,
  ConnectionNotFoundError,
} from './connection-errors';
import { type CredentialsInput, nameProblems, toConnectionCredentials } from './connection-input';
import type { ConnectionRecord, ConnectionService } from './connection-record';
import { type ConnectionStoredRecord, createConnectionRepository } from './connection-repository';
import { type ClientDefaults, ProcountorClientFactory } from './procountor-client-factory';
import { applySettingsPatch, settingsProblems } from './settings-problems';

export interface CreateConnectionInput extends CredentialsInput {
  name: string;
  settings?: Record<string, unknown>;
}

export interface UpdateConnectionInput {
  name?: string;
  /** Settings to change; `null` puts one back to its default. */
  settings?: Record<string, unknown>;
}

/** New credentials; fields left out keep their stored value (e.g. only a new API key: "Update API key"). */
export type ReplaceCredentialsInput = Partial<CredentialsInput>;

export interface ConnectionAdministration extends ConnectionService {
  find(connectionId: string): Promise<ConnectionStoredRecord | undefined>;
  /** @throws ConnectionNotFoundError */
  get(connectionId: string): Promise<ConnectionStoredRecord>;
  findByName(name: string): Promise<ConnectionStoredRecord | undefined>;
  list(): Promise<ConnectionStoredRecord[]>;
  /** Whether the connection holds exactly these credentials (compared in clear, inside the process only). */
  hasCredentials(connectionId: string, input: CredentialsInput): Promise<boolean>;
  /** Stores a draft connection (nothing is asked of Procountor yet). @throws ValidationFailedError, ConnectionNameTakenError */
  create(input: CreateConnectionInput): Promise<ConnectionStoredRecord>;
  update(connectionId: string, input: UpdateConnectionInput): Promise<ConnectionStoredRecord>;
  /**
   * Replaces the credentials and raises credentials_version, so the next Procountor client uses the new ones. On an
   * active connection the new credentials are checked first: a refused key changes nothing and transfers go on.
   */
  replaceCredentials(connectionId: string, input: ReplaceCredentialsInput): Promise<ConnectionStoredRecord>;
  /** Checks the credentials against Procountor, stores what it learnt and makes the connection active. @throws ConnectionCheckError */
  activate(connectionId: string): Promise<ConnectionStoredRecord>;
  disable(connectionId: string): Promise<ConnectionStoredRecord>;
  enable(connectionId: string): Promise<ConnectionStoredRecord>;
  delete(connectionId: string): Promise<void>;
}

export interface ConnectionServiceOptions {
  db: Database;
  secretKey: Buffer;
  logger: Logger;
  clientDefaults?: ClientDefaults;
  /** Counts every Procountor call (observability/count-procountor-calls.ts). */
  metrics?: Pick<BridgeMetrics, 'procountorCalls'>;
  now?: () => Date;
  /**
   * Runs after a connection became (or stayed) active by activation, e.g. queueing the Procountor webhook
   * subscription. Its failure is logged and never fails the activation.
   */
  onActivated?: (connection: ConnectionStoredRecord) => Promise<unknown>;
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionAdministration {
  const repository = createConnectionRepository(options.db, options.secretKey);
  const clients = new ProcountorClientFactory({
    db: options.db,
    logger: options.logger,
    readSecrets: (id) => repository.readSecrets(id),
    ...(options.clientDefaults ? { clientDefaults: options.clientDefaults } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const now = options.now ?? (() => new Date());
  const log = (connectionId: string) => options.logger.child({ connectionId });

  const get = async (connectionId: string) => {
    const connection = await repository.find(connectionId);
    if (!connection) throw new ConnectionNotFoundError(connectionId);
    return connection;
  };
  const found = (connectionId: string, record: ConnectionStoredRecord | undefined) => {
    if (!record) throw new ConnectionNotFoundError(connectionId);
    return record;
  };
  const assertNameFree = async (name: string, exceptId?: string) => {
    const holder = await repository.findByName(name);
    if (holder && holder.id !== exceptId) throw new ConnectionNameTakenError(name);
  };

  const check = async (connection: ConnectionStoredRecord, client: ProcountorClient) => {
    try {
      return await checkProcountorCredentials(client, connection.clientId);
    } catch (error) {
      if (error instanceof ConnectionCheckError) {
        await repository.recordCheckFailed(connection.id, error.message, now());
        log(connection.id).warn({ code: error.code }, 'connection check refused');
      }
      throw error;
    }
  };

  return {
    find: (connectionId) => repository.find(connectionId),
    get,
    findByName: (name) => repository.findByName(name),
    list: () => repository.list(),

    async requireActive(connectionId): Promise<ConnectionRecord> {
      const connection = await get(connectionId);
      if (connection.status !== 'active') throw new ConnectionNotActiveError(connectionId, connection.status);
      return connection;
    },

    procountorClient: (connection) => clients.clientFor(connection),

    async hasCredentials(connectionId, input) {
      const connection = await get(connectionId);
      const stored = await repository.readSecrets(connectionId);
      const wanted = toConnectionCredentials(input);
      return (
        connection.environment === wanted.environment &&
        connection.baseUrl === wanted.baseUrl &&
        connection.clientId === wanted.clientId &&
        stored?.clientSecret === wanted.clientSecret &&
        stored?.apiKey === wanted.apiKey
      );
    },

    async create(input) {
      const problems = [...nameProblems(input.name), ...settingsProblems(input.settings ?? {})];
      const credentials = toConnectionCredentials(input, problems);
      await assertNameFree(input.name.trim());
      const created = await repository.insert({
        ...credentials,
        name: input.name.trim(),
        settings: input.settings ?? {},
      });
      log(created.id).info({ environment: created.environment }, 'connection created');
      return created;
    },

    async update(connectionId, input) {
      const connection = await get(connectionId);
      const stored = (await repository.readStoredSettings(connectionId)) ?? {};
      const settings = input.settings === undefined ? undefined : applySettingsPatch(stored, input.settings);
      const problems = [
        ...(input.name === undefined ? [] : nameProblems(input.name)),
        ...(settings === undefined ? [] : settingsProblems(settings)),
      ];
      if (problems.length > 0) throw new ValidationFailedError(problems, 'The connection update');
      if (input.name !== undefined && input.name.trim() !== connection.name)
        await assertNameFree(input.name.trim(), connectionId);
      const updated = await repository.updateDetails(connectionId, {
        ...(input.name === undefined ? {} : { name: input.name.trim() }),
        ...(settings === undefined ? {} : { settings }),
      });
      log(connectionId).info({ settings: input.settings ? Object.keys(input.settings) : [] }, 'connection updated');
      return found(connectionId, updated);
    },

    async replaceCredentials(connectionId, input) {
      const connection = await get(connectionId);
      const current = await repository.readSecrets(connectionId);
      const credentials = toConnectionCredentials({
        environment: input.environment ?? connection.environment,
        baseUrl: input.baseUrl ?? (input.environment === undefined ? connection.baseUrl : undefined),
        clientId: input.clientId ?? connection.clientId,
        clientSecret: input.clientSecret ?? current?.clientSecret ?? '',
        apiKey: input.apiKey ?? current?.apiKey ?? '',
      });
      if (connection.status === 'active') {
        // "Update API key": the working key keeps serving transfers until the new one is known to work.
        await check(connection, clients.build({ ...connection, ...credentials }, credentials));
      }
      const updated = found(connectionId, await repository.replaceCredentials(connectionId, credentials));
      log(connectionId).info({ credentialsVersion: updated.credentialsVersion }, 'connection credentials replaced');
      return updated;
    },

    async activate(connectionId) {
      const connection = await get(connectionId);
      const secrets = await repository.readSecrets(connectionId);
      if (!secrets) throw new ConnectionNotFoundError(connectionId);
      // A fresh client asks Procountor for a new token, so the check proves the stored credentials work now.
      const facts = await check(connection, clients.build(connection, secrets));
      // A disabled connection stays disabled: activation checks the key, enabling is a separate decision.
      const status = connection.status === 'disabled' ? 'disabled' : 'active';
      const result = found(connectionId, await repository.recordCheckSucceeded(connectionId, facts, now(), status));
      log(connectionId).info({ procountorCompanyId: facts.procountorCompanyId }, 'connection activated');
      if (result.status === 'active' && options.onActivated) {
        try {
          await options.onActivated(result);
        } catch (error) {
          log(connectionId).error({ err: error }, 'after-activation step failed; the connection is active');
        }
      }
      return result;
    },

    async disable(connectionId) {
      await get(connectionId);
      const updated = found(connectionId, await repository.setStatus(connectionId, 'disabled'));
      log(connectionId).info('connection disabled');
      return updated;
    },

    async enable(connectionId) {
      const connection = await get(connectionId);
      if (connection.status !== 'disabled') return connection;
      // Back to active only if it was checked once; otherwise it is a draft that still needs activating.
      const updated = found(
        connectionId,
        await repository.setStatus(connectionId, connection.activatedAt ? 'active' : 'draft'),
      );
      log(connectionId).info({ status: updated.status }, 'connection enabled');
      return updated;
    },

    async delete(connectionId) {
      if (!(await repository.delete(connectionId))) throw new ConnectionNotFoundError(connectionId);
      clients.forget(connectionId);
      log(connectionId).info('connection deleted');
    },
  };
}
