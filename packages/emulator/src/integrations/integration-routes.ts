// Automated activation (FACTS.md, Authentication): GET/PUT /integrations/{requestId} give an integrator its API key.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { requireValidBody } from '../http/validate-body';
import { type EmulatorState, type IntegrationRequest, nextId } from '../state/emulator-state';

/** Assumption: an activation link stays valid for 7 days (the help centre gives no figure). */
export const INTEGRATION_REQUEST_TTL_MS = 7 * 24 * 3600 * 1000;

export interface CreateIntegrationRequestInput {
  companyId: number;
  clientId: string;
  ttlMs?: number;
}

/** A pending activation request of `companyId` for the integrator `clientId` (the admin surface exposes this). */
export function createIntegrationRequest(
  state: EmulatorState,
  input: CreateIntegrationRequestInput,
  nowMs: number,
): IntegrationRequest {
  if (!state.companies.has(input.companyId)) throw new Error(`No company ${input.companyId}; create it first`);
  if (!state.clients.has(input.clientId)) throw new Error(`No integrator client ${input.clientId}; create it first`);
  const request: IntegrationRequest = {
    requestId: String(nextId(state)),
    companyId: input.companyId,
    clientId: input.clientId,
    expiresAtMs: nowMs + (input.ttlMs ?? INTEGRATION_REQUEST_TTL_MS),
    status: 'PENDING',
  };
  state.integrationRequests.set(request.requestId, request);
  return request;
}

/**
 * Contract: 404 when the request is unknown or "made from different environment than specification was made"
 * (here: a token of another integrator client), 410 once expired.
 */
function findRequest(request: FastifyRequest, context: EmulatorContext): IntegrationRequest {
  const { requestId } = request.params as { requestId: string };
  const stored = context.state.integrationRequests.get(requestId);
  if (!stored || stored.clientId !== request.procountorToken?.clientId)
    throw ProcountorApiError.notFound('API integration request');
  if (stored.expiresAtMs <= context.now()) throw ProcountorApiError.single(410, 'Integration request has expired');
  return stored;
}

/** Contract: an existing technical user's key is returned again; otherwise a new key is made. */
function apiKeyFor(state: EmulatorState, companyId: number, clientId: string, nowIso: string): string {
  const existing = [...state.apiKeys.values()].find(
    (key) => key.companyId === companyId && key.clientId === clientId && !key.revoked,
  );
  if (existing) return existing.apiKey;
  const apiKey = randomBytes(24).toString('base64url');
  state.apiKeys.set(apiKey, { apiKey, companyId, clientId, revoked: false, createdAt: nowIso });
  return apiKey;
}

export function registerIntegrationRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get('/api/integrations/:requestId', async (request) => {
    const stored = findRequest(request, context);
    const company = context.state.companies.get(stored.companyId)!;
    return {
      integrationId: stored.clientId,
      expires: new Date(stored.expiresAtMs).toISOString(),
      initiator: { userFullName: 'Emulator User', email: `admin@company${stored.companyId}.example` },
      companiesToIntegrate: [
        {
          companyId: company.id,
          extraInfo: {
            companyName: company.info.name,
            country: company.info.country,
            businessIdentifier: company.info.businessIdentifier,
          },
        },
      ],
    };
  });

  app.put('/api/integrations/:requestId', async (request) => {
    const stored = findRequest(request, context);
    requireValidBody('ApiIntegrationApproveRequest', request.body);
    const body = request.body as { approve?: number[]; reject?: Array<{ companyId?: number; reason?: string }> };
    const approve = body.approve ?? [];
    const reject = (body.reject ?? []).map((entry) => entry.companyId);
    // Contract: approve + reject together must name exactly the companies of GET's companiesToIntegrate, else 400.
    const named = [...approve, ...reject];
    if (named.length !== 1 || named[0] !== stored.companyId) {
      throw ProcountorApiError.badRequest(
        'approve',
        `approve and reject together must name company ${stored.companyId} exactly once`,
      );
    }
    const nowIso = new Date(context.now()).toISOString();
    const companiesIntegrated = approve.map((companyId) => ({
      companyId,
      apiKey: apiKeyFor(context.state, companyId, stored.clientId, nowIso),
    }));
    stored.status = approve.length > 0 ? 'APPROVED' : 'REJECTED';
    stored.apiKey = companiesIntegrated[0]?.apiKey;
    context.markChanged();
    return { integrationId: stored.clientId, companiesIntegrated };
  });
}
