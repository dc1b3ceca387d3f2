// For integration tests: an emulator on port 0 with a fresh company and a bearer token obtained through /oauth/token.

import { type CreateCompanyInput, type CreatedCompany, createCompany } from '../../src/companies/create-company';
import { type RunningEmulator, startEmulator } from '../../src/start-emulator';

export interface TestSession {
  emulator: RunningEmulator;
  company: CreatedCompany;
  token: string;
  /** fetch against {baseUrl}{path} with the bearer token and, for a body, JSON. */
  api: (
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
}

export async function requestToken(emulator: RunningEmulator, company: CreatedCompany): Promise<string> {
  const response = await fetch(`${emulator.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: company.clientId,
      client_secret: company.clientSecret,
      api_key: company.apiKey,
    }).toString(),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function apiWithToken(emulator: RunningEmulator, token: string): TestSession['api'] {
  return (path, init = {}) =>
    fetch(`${emulator.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
}

/** Adds another company with its own token to a running emulator (for "cannot see another company" tests). */
export async function addTestCompany(emulator: RunningEmulator, input: CreateCompanyInput = {}) {
  const company = createCompany(emulator.context.state, input, new Date(emulator.context.now()).toISOString());
  const token = await requestToken(emulator, company);
  return { company, token, api: apiWithToken(emulator, token) };
}

export async function startTestSession(input: CreateCompanyInput = {}): Promise<TestSession> {
  const emulator = await startEmulator({ port: 0 });
  const { company, token, api } = await addTestCompany(emulator, input);
  return { emulator, company, token, api };
}
