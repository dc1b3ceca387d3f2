import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../companies/test-session';
import { isValidAgainst } from '../http/contract-validator';

describe('/api/webhooks', () => {
  let session: TestSession;

  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());

  const hook = (overrides: Record<string, unknown> = {}) => ({
    url: 'https://example.com/procountor',
    authenticationType: 'NONE',
    subscriptions: ['INVOICE_PAYMENT_CREATED'],
    ...overrides,
  });

  it('creates, lists, updates and deletes a webhook', async () => {
    const created = await (await session.api('/webhooks', { method: 'POST', body: hook() })).json();
    expect(isValidAgainst('CreatedWebhookResponse', created)).toEqual({ valid: true, errors: [] });
    const second = await (
      await session.api('/webhooks', { method: 'POST', body: hook({ subscriptions: ['PAYMENT_UPDATED'] }) })
    ).json();

    const list = await (await session.api('/webhooks')).json();
    expect(isValidAgainst('WebhookSearchResult', list)).toEqual({ valid: true, errors: [] });
    expect(list.results.map((w: { uuid: string }) => w.uuid)).toEqual([second.uuid, created.uuid]);
    const filtered = await (await session.api('/webhooks?eventType=PAYMENT_UPDATED&orderByCreatedDate=ASC')).json();
    expect(filtered.results.map((w: { uuid: string }) => w.uuid)).toEqual([second.uuid]);

    const updated = await session.api(`/webhooks/${created.uuid}`, {
      method: 'PUT',
      body: hook({ subscriptions: ['PAYMENT_DELETED'] }),
    });
    expect(updated.status).toBe(200);
    expect(isValidAgainst('InfoMessage', await updated.json()).valid).toBe(true);
    expect((await session.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await session.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(404);
  });

  it.each([
    ['no subscriptions', hook({ subscriptions: [] }), 'subscriptions'],
    ['an unknown event', hook({ subscriptions: ['INVOICE_CREATED'] }), 'subscriptions[0]'],
    ['a wrong authentication type', hook({ authenticationType: 'BASIC' }), 'authenticationType'],
    ['HMAC without a secret', hook({ authenticationType: 'HMAC' }), 'authenticationMeta.secret'],
    ['a non-http URL', hook({ url: 'ftp://example.com' }), 'url'],
    ['a missing url', { authenticationType: 'NONE', subscriptions: ['PAYMENT_UPDATED'] }, 'url'],
  ])('refuses %s with a field error', async (_name, body, field) => {
    const response = await session.api('/webhooks', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("does not show or change another company's webhooks", async () => {
    const created = await (await session.api('/webhooks', { method: 'POST', body: hook() })).json();
    const other = await addTestCompany(session.emulator);
    expect((await (await other.api('/webhooks')).json()).results).toEqual([]);
    expect((await other.api(`/webhooks/${created.uuid}`, { method: 'DELETE' })).status).toBe(404);
  });
});
