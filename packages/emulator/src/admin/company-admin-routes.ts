// Admin: create companies with credentials, add API keys for a client and revoke them (no bearer token needed).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createCompany } from '../companies/create-company';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { adminBody, optionalString } from './admin-body';

export function registerCompanyAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { state } = context;

  app.post('/_emulator/companies', async (request, reply) => {
    const body = adminBody(request.body);
    const input = {
      name: optionalString(body, 'name'),
      businessId: optionalString(body, 'businessId'),
      clientId: optionalString(body, 'clientId'),
      clientSecret: optionalString(body, 'clientSecret'),
    };
    const existing = input.clientId ? state.clients.get(input.clientId) : undefined;
    if (existing && input.clientSecret !== undefined && existing.clientSecret !== input.clientSecret) {
      throw ProcountorApiError.badRequest(
        'clientSecret',
        "differs from the existing client's secret; leave it out to reuse the client",
      );
    }
    const created = createCompany(
      state,
      Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      new Date(context.now()).toISOString(),
    );
    context.markChanged();
    return reply.code(201).send(created);
  });

  app.post<{ Params: { companyId: string } }>('/_emulator/companies/:companyId/api-keys', async (request, reply) => {
    const companyId = Number(request.params.companyId);
    if (!state.companies.has(companyId)) throw ProcountorApiError.notFound(`Company ${request.params.companyId}`);
    const body = adminBody(request.body);
    // Without a clientId the key goes to the client the company already uses (its first API key's).
    const firstKey = [...state.apiKeys.values()].find((key) => key.companyId === companyId);
    const clientId = optionalString(body, 'clientId') ?? firstKey?.clientId;
    if (!clientId) throw ProcountorApiError.badRequest('clientId', 'name the integrator client the key is for');
    let client = state.clients.get(clientId);
    if (!client) {
      client = {
        clientId,
        clientSecret: optionalString(body, 'clientSecret') ?? randomBytes(18).toString('base64url'),
        name: clientId,
      };
      state.clients.set(clientId, client);
    }
    const apiKey = randomBytes(24).toString('base64url');
    state.apiKeys.set(apiKey, {
      apiKey,
      companyId,
      clientId,
      revoked: false,
      createdAt: new Date(context.now()).toISOString(),
    });
    context.markChanged();
    return reply.code(201).send({ companyId, clientId, clientSecret: client.clientSecret, apiKey });
  });

  app.delete<{ Params: { apiKey: string } }>('/_emulator/api-keys/:apiKey', async (request, reply) => {
    const key = state.apiKeys.get(request.params.apiKey);
    if (!key) throw ProcountorApiError.notFound('API key');
    // Revoked, not deleted: tokens issued with it stop working at once (bearer check) and new ones are refused.
    key.revoked = true;
    context.markChanged();
    return reply.code(204).send();
  });
}
