// The linking API: source customers and products beside Procountor's, suggestions, accept, reject,
// link by hand, unlink, auto-link, and the one-to-one rule.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { businessIdFrom } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { toProcountorPartner } from '../transfers/steps/resolve-business-partner';
import { toProcountorProduct } from '../transfers/steps/resolve-products';

const address = { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' as const };

describeOnBothDatabases('linking API', (database) => {
  let kit: RegisterTestKit;
  let base: string;
  const partnerIds: Record<string, number> = {};

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Linkitys Oy');
    base = `/v1/connections/${kit.connectionId}`;
    const create = async (name: string, businessId?: string, customerNumber?: string) => {
      const created = await kit.procountorClient.businessPartners.create(
        toProcountorPartner({ name, businessId, customerNumber, address }),
      );
      partnerIds[name] = created.id as number;
    };
    await create('Oy Hartwall Ab', businessIdFrom(109862));
    await create('Kahvila Aurinko Oy', undefined, 'K-1');
    await create('Nordic Solutions Ltd');
    await create('Nordic Solutions AB');
    await kit.procountorClient.products.create(
      toProcountorProduct(
        'WORK',
        { kind: 'item', name: 'Consulting work', quantity: 1, unit: 'h', unitPrice: 90, vatPercent: 25.5 } as never,
        'EUR',
      ),
    );
    const run = await kit.syncAndWait({ mode: 'full', registers: ['business_partners', 'products'] });
    expect(run.state).toBe('succeeded');
    const stored = await kit.call('PUT', `${base}/source-customers`, {
      customers: [
        { name: 'HARTWALL', businessId: businessIdFrom(109862), customerNumber: 'S-1' },
        { name: 'Kahvila Auringo', customerNumber: 'S-2' },
        { name: 'Nordic Solutions', customerNumber: 'S-3' },
        { name: 'Täysin Muu', customerNumber: 'S-4' },
      ],
    });
    expect(stored.status).toBe(200);
    expect(stored.json.sourceKeys).toEqual(['number:S-1', 'number:S-2', 'number:S-3', 'number:S-4']);
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('lists customers with ranked suggestions, business ID first', async () => {
    const list = await kit.call('GET', `${base}/customer-links?status=unlinked`);
    expect(list.status).toBe(200);
    expect(list.json.meta.total).toBe(4);
    const byKey = Object.fromEntries(list.json.results.map((row: { sourceKey: string }) => [row.sourceKey, row]));
    expect(byKey['number:S-1'].suggestions[0]).toMatchObject({
      procountorId: partnerIds['Oy Hartwall Ab'],
      reason: 'business_id',
      score: 1,
    });
    expect(byKey['number:S-2'].suggestions[0]).toMatchObject({
      procountorId: partnerIds['Kahvila Aurinko Oy'],
      reason: 'name',
    });
    expect(byKey['number:S-4'].suggestions).toEqual([]);
  });

  it('rejects a suggestion so it is not suggested again, and accepts another', async () => {
    const rejected = await kit.call('POST', `${base}/customer-links/number:S-3/reject`, {
      procountorId: partnerIds['Nordic Solutions Ltd'],
    });
    expect(rejected.status).toBe(204);
    const list = await kit.call('GET', `${base}/customer-links?search=nordic`);
    const ids = list.json.results[0].suggestions.map((suggestion: { procountorId: number }) => suggestion.procountorId);
    expect(ids).toEqual([partnerIds['Nordic Solutions AB']]);

    const accepted = await kit.call('POST', `${base}/customer-links/number:S-3/accept`, {
      procountorId: partnerIds['Nordic Solutions AB'],
    });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({ origin: 'accepted_suggestion', sourceKey: 'number:S-3' });
  });

  it('refuses to accept what was not suggested, and a second link to a linked partner (409)', async () => {
    const notSuggested = await kit.call('POST', `${base}/customer-links/number:S-4/accept`, {
      procountorId: partnerIds['Oy Hartwall Ab'],
    });
    expect(notSuggested.status).toBe(400);
    expect(notSuggested.json.details[0]).toMatchObject({ path: 'procountorId', rule: 'suggested' });

    const taken = await kit.call('POST', `${base}/customer-links`, {
      sourceKey: 'number:S-4',
      procountorId: partnerIds['Nordic Solutions AB'],
    });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('link_conflict');
  });

  it('links by hand and unlinks', async () => {
    const linked = await kit.call('POST', `${base}/customer-links`, {
      sourceKey: 'number:S-4',
      procountorId: partnerIds['Nordic Solutions Ltd'],
    });
    expect(linked.status).toBe(201);
    expect(linked.json.origin).toBe('manual');
    expect((await kit.call('DELETE', `${base}/customer-links/number:S-4`)).status).toBe(204);
    expect((await kit.call('DELETE', `${base}/customer-links/number:S-4`)).status).toBe(404);
  });

  it('auto-links only suggestions at or above the threshold', async () => {
    const result = await kit.call('POST', `${base}/customer-links/auto-link`);
    expect(result.status).toBe(200);
    expect(result.json.linked.map((link: { sourceKey: string }) => link.sourceKey)).toEqual(['number:S-1']);
    // The typo (S-2) and the unrelated name (S-4) stay for a person to decide.
    expect(result.json.left).toBe(2);
  });

  it('shows Procountor partners with the customer each is linked to, and filters by linked', async () => {
    const linked = await kit.call('GET', `${base}/registers/business-partners?linked=true`);
    const byName = Object.fromEntries(
      linked.json.results.map((record: { name: string; linkedSourceKey: string }) => [
        record.name,
        record.linkedSourceKey,
      ]),
    );
    expect(byName['Oy Hartwall Ab']).toBe('number:S-1');
    expect(byName['Nordic Solutions AB']).toBe('number:S-3');
    const unlinked = await kit.call('GET', `${base}/registers/business-partners?linked=false`);
    const names = unlinked.json.results.map((record: { name: string }) => record.name);
    expect(names).toContain('Kahvila Aurinko Oy');
    expect(names).not.toContain('Oy Hartwall Ab');
    expect(unlinked.json.results[0].linkedSourceKey).toBeNull();
  });

  it('does the same for products: the same code is suggested first', async () => {
    await kit.call('PUT', `${base}/source-products`, { products: [{ code: 'WORK', name: 'Work hours' }] });
    const list = await kit.call('GET', `${base}/product-links`);
    expect(list.json.results[0].suggestions[0]).toMatchObject({ reason: 'code', score: 1 });
    const auto = await kit.call('POST', `${base}/product-links/auto-link`);
    expect(auto.json.linked).toHaveLength(1);
  });
});
