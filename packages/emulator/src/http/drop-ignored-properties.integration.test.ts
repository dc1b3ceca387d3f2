import { readFileSync } from 'node:fs';
import { contractSchemas } from '@procountor-bridge/client/generated';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../../test/conformance/contract-responses';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { withoutIgnoredProperties } from './drop-ignored-properties';

const customer = (invoicingInfo: Record<string, unknown> = {}) => ({
  name: 'Rakennus Virtanen Oy',
  type: 'CUSTOMER',
  address: { street: 'Hämeenkatu 5', zip: '33100', city: 'Tampere', country: 'FINLAND' },
  invoicingInfo: {
    identifier: '0737546-2',
    identifierType: 'FI',
    invoiceChannel: 'EMAIL',
    email: 'laskut@virtanen.fi',
    language: 'FINNISH',
    ...invoicingInfo,
  },
  paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', paymentTermDays: '14' },
});

describe('unknown and null properties in request bodies are ignored, never stored or echoed', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());

  it('a business partner with invoicingInfo.invoicingChannel (a misspelt invoiceChannel) is stored without it', async () => {
    const created = await session.api('/businesspartners', {
      method: 'POST',
      body: { ...customer({ invoicingChannel: 'EMAIL' }), favouriteColour: 'blue' },
    });
    expect(created.status).toBe(200);
    const partner = await created.json();
    expect(partner.invoicingInfo).not.toHaveProperty('invoicingChannel');
    expect(partner).not.toHaveProperty('favouriteColour');
    expect(partner.invoicingInfo.invoiceChannel).toBe('EMAIL');
    const read = await (await session.api(`/businesspartners/${partner.id}`)).json();
    expect(read).toEqual(partner);

    // PUT and a versioned base are filtered the same way.
    const updated = await session.api(`/businesspartners/${partner.id}`, {
      method: 'PUT',
      body: { ...customer({ invoicingChannel: 'MAIL' }), id: partner.id },
    });
    expect(updated.status).toBe(200);
    expect((await updated.json()).invoicingInfo).not.toHaveProperty('invoicingChannel');
    const versioned = await fetch(`${session.emulator.url}/v2604/api/businesspartners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...customer(), extra: { deep: true } }),
    });
    expect(await versioned.json()).not.toHaveProperty('extra');
  });

  it('known fields are still validated: an unknown property hides no error and causes none', async () => {
    const response = await session.api('/businesspartners', {
      method: 'POST',
      body: { ...customer({ invoicingChannel: 'EMAIL' }), type: 'CLIENT' },
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Array<{ field?: string }> };
    expect(errors.map((error) => error.field)).toEqual(['type']);
  });

  it('keeps what the contract leaves open: any key of a webhook’s authenticationMeta', async () => {
    const created = await session.api('/webhooks', {
      method: 'POST',
      body: {
        url: 'https://example.com/hook',
        authenticationType: 'HMAC',
        authenticationMeta: { secret: 's3cret', keyId: 'k1' },
        subscriptions: ['INVOICE_PAYMENT_CREATED'],
        colour: 'red',
      },
    });
    expect(created.status).toBe(200);
    const { uuid } = await created.json();
    const listed = await (await session.api('/webhooks?url=https://example.com/hook')).json();
    const webhook = listed.results.find((entry: { uuid: string }) => entry.uuid === uuid);
    expect(webhook.authenticationMeta).toEqual({ secret: 's3cret', keyId: 'k1' });
    expect(webhook).not.toHaveProperty('colour');
  });

  it('the request log shows the body as the client sent it, unknown properties included', async () => {
    await session.api('/products', {
      method: 'POST',
      body: { name: 'Lokitus', type: 'SALES', price: 10, vat: 25.5, unit: 'PIECE', shoeSize: 44 },
    });
    const log = await (await fetch(`${session.emulator.url}/_emulator/requests?path=/api/products&method=POST`)).json();
    const entry = log.entries.at(-1);
    expect(entry.requestBody).toMatchObject({ name: 'Lokitus', shoeSize: 44 });
    expect(entry.requestBody).not.toHaveProperty('id');
    expect(entry.responseBody).not.toHaveProperty('shoeSize');
  });

  it('returns the very same value when nothing is unknown, and copies only what it changes', () => {
    const address = { street: 'Katu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' };
    const partner = customer();
    expect(withoutIgnoredProperties('BusinessPartner', partner)).toBe(partner);
    const withExtra = { ...partner, address: { ...address, floor: 3 } };
    const kept = withoutIgnoredProperties('BusinessPartner', withExtra) as typeof partner;
    expect(kept.address).toEqual(address);
    expect(kept.invoicingInfo).toBe(partner.invoicingInfo);
    expect(withExtra.address).toHaveProperty('floor');
    const withNulls = { ...partner, notes: null, address: { ...address, specifier: null } };
    expect(withoutIgnoredProperties('BusinessPartner', withNulls)).toEqual({ ...partner, address });
  });
});

describe('the schemas the filter reads name every property of the contract', () => {
  it('matches openapi.json property for property (a field named "description" is a field, not prose)', () => {
    const document = JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const differences = Object.entries(document.components.schemas).flatMap(([name, schema]) => {
      const generated = (contractSchemas[name] as { properties?: Record<string, unknown> } | undefined)?.properties;
      const expected = Object.keys(schema.properties ?? {}).sort();
      const actual = Object.keys(generated ?? {}).sort();
      return expected.join() === actual.join() ? [] : [`${name}: ${expected.filter((key) => !actual.includes(key))}`];
    });
    expect(differences).toEqual([]);
  });
});
