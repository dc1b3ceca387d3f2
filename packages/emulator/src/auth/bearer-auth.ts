// Bearer token check for every Procountor path; a token sees only its own company.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import type { CompanyData, TokenRecord } from '../state/emulator-state';

declare module 'fastify' {
  interface FastifyRequest {
    procountorToken?: TokenRecord;
  }
}

/** Paths that need no token: the token request itself and the health status (assumption for /status). */
const PUBLIC_PATHS = new Set(['/api/oauth/token', '/api/status']);

export function installBearerAuth(app: FastifyInstance, context: EmulatorContext): void {
  app.addHook('preHandler', async (request) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') || PUBLIC_PATHS.has(path)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const record = match ? context.state.tokens.get(match[1]!.trim()) : undefined;
    const key = record ? context.state.apiKeys.get(record.apiKey) : undefined;
    if (!record || record.expiresAtMs <= context.now() || !key || key.revoked) {
      // 401 body as FACTS.md gives it.
      throw new ProcountorApiError(401, [{ status: 401, message: 'Unauthorized' }]);
    }
    request.procountorToken = record;
  });
}

/** The company the request's token belongs to. */
export function companyOf(request: FastifyRequest, context: EmulatorContext): CompanyData {
  const token = request.procountorToken;
  const company = token ? context.state.companies.get(token.companyId) : undefined;
  if (!company) throw new ProcountorApiError(401, [{ status: 401, message: 'Unauthorized' }]);
  return company;
}
