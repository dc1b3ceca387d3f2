import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, requestToken, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import { createIntegrationRequest } from './integration-routes';

describe('/api/integrations/{requestId}', () => {
  let session: TestSession;
  let customerCompanyId: number;
  beforeAll(async () => {
    session = await startTestSession({ name: 'Integrator Oy' });
    // The customer company exists in Procountor but has no key for the integrator's client yet.
    const customer = await addTestCompany(session.emulator, { name: 'Asiakas Oy' });
    customerCompanyId = customer.company.companyId;
  });
  afterAll(() => session.emulator.stop());

  const pending = (ttlMs?: number) =>
    createIntegrationRequest(
      session.emulator.context.state,
      { companyId: customerCompanyId, clientId: session.company.clientId, ttlMs },
      session.emulator.context.now(),
    );

  it('shows the request and approving it returns an API key that obtains a token', async () => {
    const request = pending();
    const shown = await (await session.api(`/integrations/${request.requestId}`)).json();
    expect(isValidAgainst('ApiIntegrationRequestData', shown).valid).toBe(true);
    expect(shown.companiesToIntegrate[0].companyId).toBe(customerCompanyId);
    const approved = await session.api(`/integrations/${request.requestId}`, {
      method: 'PUT',
      body: { approve: [customerCompanyId] },
    });
    const result = await approved.json();
    expect(isValidAgainst('ApiIntegrationApproveResult', result).valid).toBe(true);
    const { apiKey } = result.companiesIntegrated[0];
    const token = await requestToken(session.emulator, { ...session.company, companyId: customerCompanyId, apiKey });
    expect(token).toBeTypeOf('string');
    // A second activation returns the technical user's existing key (contract).
    const again = await (
      await session.api(`/integrations/${pending().requestId}`, {
        method: 'PUT',
        body: { approve: [customerCompanyId] },
      })
    ).json();
    expect(again.companiesIntegrated[0].apiKey).toBe(apiKey);
  });

  it('answers 400 when approve and reject do not name the requested companies, 410 when expired, 404 for another client', async () => {
    const request = pending();
    expect(
      (await session.api(`/integrations/${request.requestId}`, { method: 'PUT', body: { approve: [1] } })).status,
    ).toBe(400);
    expect((await session.api(`/integrations/${pending(-1).requestId}`)).status).toBe(410);
    const stranger = await addTestCompany(session.emulator, { name: 'Stranger Oy' });
    expect((await stranger.api(`/integrations/${request.requestId}`)).status).toBe(404);
    expect((await session.api('/integrations/123')).status).toBe(404);
  });
});
