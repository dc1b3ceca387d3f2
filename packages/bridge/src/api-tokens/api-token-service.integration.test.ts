// API tokens: shown once and stored hashed, scoped, revocable, the configured admin token, last use once a minute.
import pino from 'pino';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { CONFIG_ADMIN_TOKEN_ID, createApiTokenService, TOKEN_RECHECK_MS } from './api-token-service';
import { hashApiToken } from './generate-api-token';

describeOnBothDatabases('api tokens', (database) => {
  let nowMs = Date.parse('2026-03-01T10:00:00Z');
  const service = () =>
    createApiTokenService({
      db: database.db,
      logger: pino({ level: 'silent' }),
      adminToken: 'configured-admin-token-0123456789',
      now: () => new Date(nowMs),
    });

  it('stores only the hash and prefix, and resolves the token to an admin principal', async () => {
    const { token, record } = await service().create({ name: 'ops' });
    const row = await database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).toBe(hashApiToken(token));
    expect(row.token_prefix).toBe(token.slice(0, 11));
    expect(await service().authenticateToken(token)).toEqual({ kind: 'admin', tokenId: record.id });
  });

  it('scopes a token to its connection and refuses a revoked or unknown token', async () => {
    await database.db
      .insertInto('connections')
      .values({
        id: 'con_tokens',
        name: 'Tokens',
        status: 'draft',
        environment: 'test',
        base_url: 'https://pts-api.procountor.com/api',
        client_id: 'c',
        client_secret_encrypted: 'x',
        api_key_encrypted: 'x',
        procountor_company_id: null,
        company_name: null,
        company_business_id: null,
        company_iban: null,
        activated_at: null,
        last_checked_at: null,
        last_check_error: null,
      })
      .execute();
    const { token, record } = await service().create({ name: 'crm', connectionId: 'con_tokens' });
    expect(await service().authenticateToken(token)).toEqual({
      kind: 'connection',
      tokenId: record.id,
      connectionId: 'con_tokens',
    });
    await service().revoke(record.id);
    expect(await service().authenticateToken(token)).toBeUndefined();
    expect(await service().authenticateToken('pb_unknown')).toBeUndefined();
    await expect(service().create({ name: 'x', connectionId: 'con_missing' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('accepts BRIDGE_ADMIN_TOKEN as admin', async () => {
    expect(await service().authenticateToken('configured-admin-token-0123456789')).toEqual({
      kind: 'admin',
      tokenId: CONFIG_ADMIN_TOKEN_ID,
    });
  });

  it('records the last use at most once a minute', async () => {
    const { token, record } = await service().create({ name: 'usage' });
    const lastUsed = async () =>
      (
        await database.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', record.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const first = nowMs;
    await service().authenticateToken(token);
    expect((await lastUsed())?.getTime()).toBe(first);
    nowMs += 30_000;
    await service().authenticateToken(token);
    expect((await lastUsed())?.getTime()).toBe(first);
    nowMs += 31_000;
    await service().authenticateToken(token);
    expect((await lastUsed())?.getTime()).toBe(nowMs);
  });

  it('refuses a token revoked through the same service at once, though it resolved a moment before', async () => {
    const tokens = service();
    const { token, record } = await tokens.create({ name: 'cached' });
    expect(await tokens.authenticateToken(token)).toEqual({ kind: 'admin', tokenId: record.id });
    await tokens.revoke(record.id);
    expect(await tokens.authenticateToken(token)).toBeUndefined();
  });

  it('refuses a token revoked by another process once TOKEN_RECHECK_MS has passed', async () => {
    const thisProcess = service();
    const { token, record } = await thisProcess.create({ name: 'elsewhere' });
    expect(await thisProcess.authenticateToken(token)).toEqual({ kind: 'admin', tokenId: record.id });
    await service().revoke(record.id);
    nowMs += TOKEN_RECHECK_MS;
    expect(await thisProcess.authenticateToken(token)).toBeUndefined();
  });
});
