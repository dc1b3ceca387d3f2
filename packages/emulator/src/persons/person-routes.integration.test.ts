import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

const person = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  paymentInfo: {
    paymentMethod: 'BANK_TRANSFER',
    paymentTermDays: '14',
    penalInterestRate: 8,
    accountNumber: 'FI2112345600000785',
  },
  invoicingInfo: { identifier: '131052-308T', identifierType: 'HETU', language: 'FINNISH', gender: 'FEMALE' },
  registryInfo: { active: true, email: 'maija@example.fi' },
  ...overrides,
});

describe('/api/persons', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());
  const post = (body: unknown) => session.api('/persons', { method: 'POST', body });

  it('creates a person with a valid HETU, derives the date of birth, valid against the contract', async () => {
    const created = await (await post(person())).json();
    expect(isValidAgainst('Person', created)).toEqual({ valid: true, errors: [] });
    expect(created.invoicingInfo).toMatchObject({ dateOfBirth: '1952-10-13', personNumber: '1' });
    expect(await (await session.api(`/persons/${created.id}`)).json()).toEqual(created);
  });

  it('rejects a wrong HETU check character, a missing lastName, a wrong gender and a version on POST', async () => {
    const response = await post({
      ...person({
        invoicingInfo: { identifier: '131052-308X', identifierType: 'HETU', language: 'FINNISH', gender: 'X' },
      }),
      lastName: undefined,
      version: '2020-01-01T00:00:00Z',
    });
    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((entry: { field: string }) => entry.field);
    expect(fields).toEqual(
      expect.arrayContaining(['lastName', 'invoicingInfo.gender', 'invoicingInfo.identifier', 'version']),
    );
  });

  it('PUT needs the current version', async () => {
    const created = await (await post(person({ lastName: 'Virtanen' }))).json();
    expect(
      (await session.api(`/persons/${created.id}`, { method: 'PUT', body: person({ lastName: 'Virta' }) })).status,
    ).toBe(400);
    const ok = await session.api(`/persons/${created.id}`, {
      method: 'PUT',
      body: { ...person({ lastName: 'Virta' }), version: created.version },
    });
    expect((await ok.json()).lastName).toBe('Virta');
    expect(
      (await session.api(`/persons/${created.id}`, { method: 'PUT', body: { ...person(), version: created.version } }))
        .status,
    ).toBe(400);
  });

  it('searches with paging, hides inactive persons unless includeInactive, refuses size 201', async () => {
    await post(person({ lastName: 'Passiivinen', registryInfo: { active: false } }));
    const active = await (await session.api('/persons?size=1')).json();
    expect(isValidAgainst('PersonSearchResult', active).valid).toBe(true);
    expect(active.meta).toMatchObject({ pageNumber: 0, pageSize: 1, resultCount: 1, totalCount: 2 });
    const all = await (await session.api('/persons?includeInactive=true')).json();
    expect(all.meta.totalCount).toBe(3);
    expect((await session.api('/persons?size=201')).status).toBe(400);
  });

  it("a token of another company cannot read this company's person", async () => {
    const created = await (await post(person({ lastName: 'Salainen' }))).json();
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/persons/${created.id}`)).status).toBe(404);
  });
});
