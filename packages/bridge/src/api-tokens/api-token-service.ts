// API tokens: create (shown once), list, revoke, and resolve a bearer token to a Principal for the server's auth hook.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { BridgeError, NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { Principal } from '../server/principal';
import type { Database } from '../storage/schema';
import { generateApiToken, hashApiToken } from './generate-api-token';
import { createRecentPrincipals } from './recent-principals';

export interface ApiTokenRecord {
  id: string;
  name: string;
  scope: 'admin' | 'connection';
  connectionId: string | null;
  /** The first characters, for telling tokens apart ("pb_Xk3vQ9aB"). */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiTokenService {
  /** Returns the token in clear: the only time anyone sees it. A connectionId makes a connection-scoped token. */
  create(input: {
    name: string;
    connectionId?: string | undefined;
  }): Promise<{ token: string; record: ApiTokenRecord }>;
  list(options?: { includeRevoked?: boolean }): Promise<ApiTokenRecord[]>;
  /** @throws NotFoundError when no such token exists. Revoking twice is fine. */
  revoke(tokenId: string): Promise<ApiTokenRecord>;
  /** What buildServer's `authenticate` gets: the caller, or undefined for an unknown or revoked token. */
  authenticateToken(token: string): Promise<Principal | undefined>;
}

/** last_used_at is a hint for the console ("used 3 days ago"): one write a minute per token is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a resolved token is trusted without reading its row again. A revocation made by this process takes effect
 * on the next request; one made by another process sharing the database, within this long (docs/api-tokens.md).
 */
export const TOKEN_RECHECK_MS = 2_000;
/** The tokenId of the BRIDGE_ADMIN_TOKEN from the configuration; it has no row. */
export const CONFIG_ADMIN_TOKEN_ID = 'config-admin-token';

export interface ApiTokenServiceOptions {
  db: Database;
  logger: Logger;
  /** BRIDGE_ADMIN_TOKEN: accepted as admin besides the stored tokens. */
  adminToken?: string | undefined;
  now?: () => Date;
}

export function createApiTokenService(options: ApiTokenServiceOptions): ApiTokenService {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const adminTokenHash = options.adminToken ? Buffer.from(hashApiToken(options.adminToken), 'hex') : undefined;
  const recent = createRecentPrincipals(TOKEN_RECHECK_MS);

  const toRecord = (row: {
    id: string;
    name: string;
    scope: 'admin' | 'connection';
    connection_id: string | null;
    token_prefix: string;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }): ApiTokenRecord => ({
    id: row.id,
    name: row.name,
    scope: row.scope,
    connectionId: row.connection_id,
    prefix: row.token_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });
  const columns = [
    'id',
    'name',
    'scope',
    'connection_id',
    'token_prefix',
    'created_at',
    'last_used_at',
    'revoked_at',
  ] as const;

  return {
    async create(input) {
      if (typeof input.name !== 'string' || input.name.trim() === '') {
        throw new ValidationFailedError(
          [{ path: 'name', rule: 'required', message: 'must not be empty' }],
          'The token',
        );
      }
      if (input.connectionId !== undefined) {
        const connection = await db
          .selectFrom('connections')
          .select('id')
          .where('id', '=', input.connectionId)
          .executeTakeFirst();
        if (!connection) throw new NotFoundError(`Connection ${input.connectionId}`);
      }
      const generated = generateApiToken();
      const row = await db
        .insertInto('api_tokens')
        .values({
          id: `tok_${randomBytes(8).toString('hex')}`,
          name: input.name.trim(),
          scope: input.connectionId === undefined ? 'admin' : 'connection',
          connection_id: input.connectionId ?? null,
          token_hash: generated.hash,
          token_prefix: generated.prefix,
          last_used_at: null,
          revoked_at: null,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      options.logger.info({ tokenId: row.id, scope: row.scope, connectionId: row.connection_id }, 'api token created');
      return { token: generated.token, record: toRecord(row) };
    },

    async list(listOptions = {}) {
      let query = db.selectFrom('api_tokens').select(columns).orderBy('created_at').orderBy('id');
      if (!listOptions.includeRevoked) query = query.where('revoked_at', 'is', null);
      return (await query.execute()).map(toRecord);
    },

    async revoke(tokenId) {
      const row = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now() })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .returning(columns)
        .executeTakeFirst();
      recent.forgetToken(tokenId);
      if (row) {
        options.logger.info({ tokenId }, 'api token revoked');
        return toRecord(row);
      }
      const existing = await db.selectFrom('api_tokens').select(columns).where('id', '=', tokenId).executeTakeFirst();
      if (!existing) throw new NotFoundError(`API token ${tokenId}`);
      return toRecord(existing);
    },

    async authenticateToken(token) {
      const hash = hashApiToken(token);
      // Constant-time compare, so response timing tells nothing about the configured token.
      if (adminTokenHash && timingSafeEqual(adminTokenHash, Buffer.from(hash, 'hex'))) {
        return { kind: 'admin', tokenId: CONFIG_ADMIN_TOKEN_ID };
      }
      const at = now();
      const known = recent.get(hash, at.getTime());
      if (known) return known;
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'scope', 'connection_id', 'last_used_at'])
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      if (!row.last_used_at || at.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
      }
      let principal: Principal;
      if (row.scope === 'admin') principal = { kind: 'admin', tokenId: row.id };
      else if (!row.connection_id) throw new BridgeError(500, 'internal_error', `Token ${row.id} has no connection`);
      else principal = { kind: 'connection', tokenId: row.id, connectionId: row.connection_id };
      recent.set(hash, principal, at.getTime());
      return principal;
    },
  };
}
