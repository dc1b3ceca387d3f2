// Access before validation, by construction: every route of /openapi.json under /v1/connections/{connectionId}
// answers a token of another connection 404, whatever the body, query or path holds; admin-only routes 403.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiCaller, startTestBridge, TEST_ADMIN_TOKEN } from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';

interface Operation {
  method: string;
  path: string;
}

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A body no route accepts: an unknown field, wrong types, NUL. */
const INVALID_BODY = JSON.stringify({ __not_a_field__: [null, 1, '\u0000'], externalId: 12345 });

describeOnBothDatabases('access to the connection before validation', (database) => {
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;
  let operations: Operation[];
  let connectionA: string;
  let tokenB: string;
  let connectionB: string;

  const send = async (method: string, path: string, token: string, body?: string) => {
    const response = await fetch(`${bridge.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, json: await response.json().catch(() => undefined) };
  };

  const createConnection = async (name: string) =>
    (
      await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
        name,
        environment: 'custom',
        baseUrl: 'http://127.0.0.1:9/api',
        clientId: `client-${name}`,
        clientSecret: 'client-secret-value',
        apiKey: 'api-key-value-1234',
      })
    ).json.id as string;

  beforeAll(async () => {
    bridge = await startTestBridge(database.db);
    call = apiCaller(bridge.url);
    connectionA = await createConnection('Alpha');
    connectionB = await createConnection('Beta');
    tokenB = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'B', connectionId: connectionB })).json
      .token;
    const document = (await call('GET', '/openapi.json', undefined)).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths)
      .filter(
        ([path]) => path === '/v1/connections/{connectionId}' || path.startsWith('/v1/connections/{connectionId}/'),
      )
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(() => bridge?.stop());

  /** The path with the connection and dummy values for the other parameters, and a query no route accepts. */
  const urlOf = (operation: Operation, connectionId: string) =>
    `${operation.path.replace('{connectionId}', connectionId).replace(/\{[^}]+\}/g, 'x%00')}?limit=-1&nonsense=%00`;

  it('answers every connection route 404 for a token of another connection, before reading the body', async () => {
    expect(operations.length).toBeGreaterThan(80);
    const answers = [];
    for (const operation of operations) {
      const body = HAS_BODY.has(operation.method) ? INVALID_BODY : undefined;
      const response = await send(operation.method, urlOf(operation, connectionA), tokenB, body);
      answers.push({
        operation: `${operation.method} ${operation.path}`,
        status: response.status,
        body: response.json,
      });
    }
    const expected = { code: 'not_found', message: `Connection ${connectionA} was not found.`, details: [] };
    expect(
      answers.filter((answer) => answer.status !== 404 || JSON.stringify(answer.body) !== JSON.stringify(expected)),
    ).toEqual([]);
  });

  it('answers 404 before parsing a body that is not JSON', async () => {
    for (const operation of operations.filter((candidate) => HAS_BODY.has(candidate.method))) {
      const response = await send(operation.method, urlOf(operation, connectionA), tokenB, '{"externalId": ');
      expect(response.status, `${operation.method} ${operation.path}`).toBe(404);
    }
  });

  it('refuses admin-only routes to the connection own token with 403 before validating the body', async () => {
    for (const [method, path] of [
      ['PATCH', `/v1/connections/${connectionB}`],
      ['DELETE', `/v1/connections/${connectionB}`],
      ['PUT', `/v1/connections/${connectionB}/credentials`],
      ['POST', `/v1/connections/${connectionB}/activate`],
      ['POST', '/v1/connections'],
      ['POST', '/v1/api-tokens'],
    ] as const) {
      const response = await send(method, path, tokenB, INVALID_BODY);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.json.code).toBe('admin_required');
    }
    // The same body from an admin reaches validation: the refusal names the fields.
    const validated = await send('PATCH', `/v1/connections/${connectionB}`, TEST_ADMIN_TOKEN, INVALID_BODY);
    expect(validated.status).toBe(400);
    expect(validated.json.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '__not_a_field__', rule: 'no_unknown_fields' })]),
    );
  });
});
