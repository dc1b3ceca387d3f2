// Webhook endpoint CRUD on both databases: http(s) URLs only, the secret shown once on create and on rotate.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callAs, createTestConnection, startTestApp } from '../../test/helpers/create-test-connection';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { BridgeApp } from '../server/bridge-app';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

describeOnBothDatabases('webhook endpoint routes', (database) => {
  let app: BridgeApp;
  let baseUrl: string;
  let connectionId: string;

  beforeAll(async () => {
    ({ app, url: baseUrl } = await startTestApp([
      webhookEndpointRoutes({ db: database.db, secretKey: randomBytes(32) }),
    ]));
    ({ connectionId } = await createTestConnection(database.db));
  });
  afterAll(() => app.close());

  const path = () => `/v1/connections/${connectionId}/webhook-endpoints`;

  it('creates an endpoint with its secret shown once, masked afterwards', async () => {
    const api = callAs(baseUrl, `token-${connectionId}`);
    const created = await api('POST', path(), { url: 'https://erp.example/hooks', eventTypes: ['transfer.failed'] });
    expect(created).toMatchObject({
      status: 201,
      body: { connectionId, url: 'https://erp.example/hooks', eventTypes: ['transfer.failed'], active: true },
    });
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const read = await api('GET', `${path()}/${id}`);
    expect(read.body.secret).toBe(`…${secret.slice(-4)}`);
    const stored = await database.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(stored?.secret_encrypted).not.toContain(secret.slice(6));
    expect((await api('GET', path())).body.endpoints.map((endpoint: { id: string }) => endpoint.id)).toContain(id);
  });

  it('refuses a URL that is not http(s) and an unknown event type, saying which field', async () => {
    const api = callAs(baseUrl, 'admin');
    const ftp = await api('POST', path(), { url: 'ftp://erp.example/hooks' });
    expect(ftp).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', details: [{ path: 'url', rule: 'http_url' }] },
    });
    const unknownType = await api('POST', path(), { url: 'http://erp.example', eventTypes: ['transfer.exploded'] });
    expect(unknownType.status).toBe(400);
  });

  it('changes, rotates the secret of, and deletes an endpoint', async () => {
    const api = callAs(baseUrl, 'admin');
    const { id, secret } = (await api('POST', path(), { url: 'http://erp.example/a' })).body;
    const patched = await api('PATCH', `${path()}/${id}`, { url: 'http://erp.example/b', active: false });
    expect(patched).toMatchObject({ status: 200, body: { url: 'http://erp.example/b', active: false } });
    const rotated = await api('POST', `${path()}/${id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await api('DELETE', `${path()}/${id}`)).status).toBe(204);
    expect((await api('GET', `${path()}/${id}`)).status).toBe(404);
  });

  it('answers 404 to a token of another connection, and for an endpoint of another connection', async () => {
    const { id } = (await callAs(baseUrl, 'admin')('POST', path(), { url: 'http://erp.example/c' })).body;
    const other = await createTestConnection(database.db);
    const asOther = callAs(baseUrl, `token-${other.connectionId}`);
    expect((await asOther('GET', path())).status).toBe(404);
    expect((await asOther('POST', path(), { url: 'http://x.example' })).status).toBe(404);
    expect((await asOther('GET', `/v1/connections/${other.connectionId}/webhook-endpoints/${id}`)).status).toBe(404);
    expect((await asOther('DELETE', `/v1/connections/${other.connectionId}/webhook-endpoints/${id}`)).status).toBe(404);
  });

  it('answers 404 for a connection that does not exist', async () => {
    const missing = await callAs(baseUrl, 'admin')('POST', '/v1/connections/con_missing/webhook-endpoints', {
      url: 'http://x.example',
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
