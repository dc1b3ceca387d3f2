import pino from 'pino';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../errors/bridge-error';
import { webhooksForOpenApi } from '../source-webhooks/webhook-openapi';
import type { BridgeApp, BridgeRouteConfig } from './bridge-app';
import { buildServer } from './build-server';

describe('buildServer', () => {
  let app: BridgeApp;
  let url: string;

  beforeAll(async () => {
    app = await buildServer({
      logger: pino({ level: 'silent' }),
      authenticate: async (token) =>
        token === 'conn-a'
          ? { kind: 'connection', tokenId: 't1', connectionId: 'a' }
          : token === 'admin'
            ? { kind: 'admin', tokenId: 't0' }
            : undefined,
      routes: [
        (server) => {
          server.post(
            '/v1/connections/:connectionId/things',
            {
              schema: {
                params: Type.Object({ connectionId: Type.String() }),
                body: Type.Object({ name: Type.String({ maxLength: 3 }) }, { additionalProperties: false }),
              },
            },
            async (request) => ({ ok: request.body.name }),
          );
          server.put(
            '/v1/connections/:connectionId/secrets',
            {
              config: { admin: true } satisfies BridgeRouteConfig,
              schema: { body: Type.Object({ key: Type.String() }, { additionalProperties: false }) },
            },
            async () => ({ ok: true }),
          );
          server.get('/v1/public-thing', { config: { public: true } }, async () => ({ public: true }));
          server.get('/v1/conflict', async () => {
            throw new BridgeError(409, 'transfer_state_conflict', 'Document x was already transferred.');
          });
          server.get('/v1/crash', async () => {
            throw new Error('secret internals');
          });
        },
      ],
      openapiWebhooks: webhooksForOpenApi(),
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  const call = (path: string, token?: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('refuses a /v1 request without a valid token with 401 in the API error shape', async () => {
    const response = await call('/v1/connections/a/things', 'wrong', { name: 'x' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'authentication_required', details: [] });
  });

  it('lets a public /v1 route through without a token', async () => {
    expect((await call('/v1/public-thing')).status).toBe(200);
  });

  it('answers 404 to a token of another connection, as if the connection did not exist', async () => {
    const response = await call('/v1/connections/b/things', 'conn-a', { name: 'x' });
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('not_found');
  });

  it('checks access to the connection before the body: a foreign token learns nothing of its shape', async () => {
    for (const body of [{ wrong: 1 }, '{"name": ', '']) {
      const response = await call('/v1/connections/b/things', 'conn-a', body);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'not_found', message: 'Connection b was not found.', details: [] });
    }
    expect((await call('/v1/connections/a/things', 'conn-a', { name: 'x' })).status).toBe(200);
  });

  it('refuses an admin-only route to a connection token before validating the body', async () => {
    const own = await call('/v1/connections/a/secrets', 'conn-a', { nonsense: true }, 'PUT');
    expect(own.status).toBe(403);
    expect((await own.json()).code).toBe('admin_required');
    const foreign = await call('/v1/connections/b/secrets', 'conn-a', { nonsense: true }, 'PUT');
    expect(foreign.status).toBe(404);
    expect((await call('/v1/connections/b/secrets', 'admin', { key: 'k' }, 'PUT')).status).toBe(200);
  });

  it('reports every schema problem with its path and rule, unknown fields included', async () => {
    const response = await call('/v1/connections/a/things', 'admin', { name: 'long', extra: 1 });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', rule: 'max_length_3' }),
        expect.objectContaining({ path: 'extra', rule: 'no_unknown_fields' }),
      ]),
    );
  });

  it('answers a BridgeError with its status and code, and a crash without internals', async () => {
    expect(await (await call('/v1/conflict', 'admin')).json()).toMatchObject({ code: 'transfer_state_conflict' });
    const crash = await call('/v1/crash', 'admin');
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain('secret internals');
  });

  it('publishes an OpenAPI 3.1 document and the browsable reference', async () => {
    const document = await (await call('/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/v1/connections/{connectionId}/things');
    expect(document.webhooks['transfer.succeeded'].post.requestBody.content['application/json'].schema).toMatchObject({
      required: ['id', 'type', 'createdAt', 'connectionId', 'data'],
      properties: { type: { const: 'transfer.succeeded' } },
    });
    expect((await call('/docs/')).status).toBe(200);
  });
});
