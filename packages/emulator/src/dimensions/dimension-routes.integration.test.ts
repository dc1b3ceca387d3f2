import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

describe('/api/dimensions', () => {
  let session: TestSession;
  let dimensionId: number;
  beforeAll(async () => {
    session = await startTestSession();
    const dimensions = await (await session.api('/dimensions')).json();
    dimensionId = dimensions.find((dimension: { name: string }) => dimension.name === 'Kustannuspaikat').id;
  });
  afterAll(() => session.emulator.stop());
  const items = (method: string, body: unknown) => session.api(`/dimensions/${dimensionId}/items`, { method, body });

  it('lists the default dimensions, valid against the contract', async () => {
    const dimensions = await (await session.api('/dimensions')).json();
    expect(dimensions.map((dimension: { name: string }) => dimension.name)).toEqual([
      'Projektit',
      'Kustannuspaikat',
      'Liiketoimintayksiköt',
    ]);
    for (const dimension of dimensions) expect(isValidAgainst('Dimension', dimension).valid).toBe(true);
  });

  it('creates an item, refuses a duplicate code and a missing codeName, inactivates and reactivates it', async () => {
    const created = await (await items('POST', { codeName: 'HEL', description: 'Helsinki' })).json();
    expect(isValidAgainst('DimensionItem', created).valid).toBe(true);
    const duplicate = await items('POST', { codeName: 'hel' });
    expect((await duplicate.json()).errors).toEqual([
      { status: 400, field: 'codeName', message: 'DUPLICATE_DIMENSION_ITEM_CODE' },
    ]);
    expect((await items('POST', { description: 'x' })).status).toBe(400);
    const inactive = await (await items('PUT', { id: created.id, codeName: 'HEL', status: 'P' })).json();
    expect(inactive.status).toBe('P');
    const active = await (await items('PUT', { id: created.id, codeName: 'HEL' })).json();
    expect(active.status).toBeUndefined();
    expect((await items('PUT', { codeName: 'HEL' })).status).toBe(400);
    expect((await items('PUT', { id: 1, codeName: 'NEW' })).status).toBe(404);
  });

  it('renames a dimension and filters items by codeName', async () => {
    const renamed = await session.api(`/dimensions/${dimensionId}`, {
      method: 'PUT',
      body: { name: 'Kustannuspaikka' },
    });
    expect(await renamed.json()).toEqual({ name: 'Kustannuspaikka' });
    expect((await session.api(`/dimensions/${dimensionId}`, { method: 'PUT', body: { name: '' } })).status).toBe(400);
    const filtered = await (await session.api('/dimensions?codeName=HE')).json();
    expect(filtered).toHaveLength(1);
  });

  it("a token of another company cannot read this company's dimension", async () => {
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/dimensions/${dimensionId}`)).status).toBe(404);
  });
});
