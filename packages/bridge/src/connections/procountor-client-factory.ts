// Builds one Procountor client per (connection, credentials version, rate), sharing a DB-backed rate limiter.
import { ProcountorClient, type ProcountorClientOptions, TokenCache } from '@procountor-bridge/client';
import type { Logger } from 'pino';
import { countProcountorCalls } from '../observability/count-procountor-calls';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { Database } from '../storage/schema';
import { fetchAfterHook } from './before-procountor-request';
import { ConnectionRateLimiter } from './connection-rate-limiter';
import type { ConnectionRecord } from './connection-record';
import type { ConnectionSecrets } from './connection-repository';

/** Client options the bridge sets for every connection (tests shorten timeouts and retries). */
export type ClientDefaults = Omit<
  ProcountorClientOptions,
  'baseUrl' | 'clientId' | 'clientSecret' | 'apiKey' | 'rateLimiter' | 'rateLimit'
>;

export interface ProcountorClientFactoryOptions {
  db: Database;
  logger: Logger;
  readSecrets: (connectionId: string) => Promise<ConnectionSecrets | undefined>;
  clientDefaults?: ClientDefaults;
  /** Where every Procountor call is counted (method, path template, status); not counted without it. */
  metrics?: Pick<BridgeMetrics, 'procountorCalls'>;
}

export class ProcountorClientFactory {
  readonly #cache = new Map<string, { key: string; client: ProcountorClient }>();
  readonly #options: ProcountorClientFactoryOptions;

  constructor(options: ProcountorClientFactoryOptions) {
    this.#options = options;
  }

  /**
   * The connection's client. A new credentials version (key replaced, base URL moved) or a new rate builds a new
   * client; the old one is dropped here, and its token stays unused in the token cache, keyed by the old API key.
   */
  async clientFor(connection: ConnectionRecord): Promise<ProcountorClient> {
    const key = `${connection.credentialsVersion}:${connection.settings.rateLimitPerSecond}`;
    const cached = this.#cache.get(connection.id);
    if (cached?.key === key) return cached.client;
    const secrets = await this.#options.readSecrets(connection.id);
    if (!secrets) throw new Error(`Connection ${connection.id} has no stored credentials`);
    const client = this.build(connection, secrets);
    this.#cache.set(connection.id, { key, client });
    return client;
  }

  /** A fresh client, not cached, with a fresh token: what a credentials check (activation, a replacement key) uses. */
  build(
    connection: Pick<ConnectionRecord, 'id' | 'baseUrl' | 'clientId' | 'settings'>,
    secrets: ConnectionSecrets,
  ): ProcountorClient {
    const { clientDefaults, metrics } = this.#options;
    const fetch = metrics
      ? countProcountorCalls(metrics.procountorCalls, connection.baseUrl, clientDefaults?.fetch)
      : (clientDefaults?.fetch ?? globalThis.fetch.bind(globalThis));
    return new ProcountorClient({
      ...clientDefaults,
      // A transfer run's held-back step completions are written before each request (before-procountor-request.ts).
      fetch: fetchAfterHook(fetch),
      baseUrl: connection.baseUrl,
      clientId: connection.clientId,
      clientSecret: secrets.clientSecret,
      apiKey: secrets.apiKey,
      rateLimiter: new ConnectionRateLimiter(this.#options.db, {
        connectionId: connection.id,
        requestsPerSecond: connection.settings.rateLimitPerSecond,
      }),
      logger: this.#options.logger.child({ connectionId: connection.id }),
      // Its own cache: the shared one is keyed by base URL, client id and API key but not the secret, so a token
      // cached for the right secret would make a wrong one look accepted.
      tokenCache: new TokenCache(),
    });
  }

  /** Drops the cached client of a deleted connection. */
  forget(connectionId: string): void {
    this.#cache.delete(connectionId);
  }
}
