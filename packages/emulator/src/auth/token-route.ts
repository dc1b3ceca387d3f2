// POST /api/oauth/token: Procountor's M2M flow (client id + secret + company API key → bearer token, FACTS.md).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';

/** Tokens last 3600 s (FACTS.md: read expires_in; no refresh token). */
export const TOKEN_LIFETIME_SECONDS = 3600;

export function registerTokenRoute(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/api/oauth/token', async (request, reply) => {
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      throw ProcountorApiError.single(415, 'Content-Type must be application/x-www-form-urlencoded');
    }
    // Procountor refuses a charset parameter on the form content type (release notes 24.08, FACTS.md).
    if (/charset/i.test(contentType)) {
      throw ProcountorApiError.badRequest('Content-Type', 'charset parameter is not allowed');
    }
    // Credentials in the URL query string are refused since September 2023 (FACTS.md).
    if (Object.keys((request.query as Record<string, unknown>) ?? {}).length > 0) {
      throw ProcountorApiError.badRequest(undefined, 'Credentials must not be sent in the query string');
    }
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const missing = ['grant_type', 'client_id', 'client_secret', 'api_key'].filter((name) => !form[name]);
    if (missing.length > 0) {
      throw ProcountorApiError.validation(missing.map((field) => ({ field, message: 'must not be null' })));
    }
    if (form.grant_type !== 'client_credentials') {
      throw ProcountorApiError.badRequest('grant_type', 'unsupported_grant_type');
    }
    const client = context.state.clients.get(form.client_id!);
    if (!client || client.clientSecret !== form.client_secret) {
      throw ProcountorApiError.single(401, 'invalid_client');
    }
    const key = context.state.apiKeys.get(form.api_key!);
    if (!key || key.revoked || key.clientId !== client.clientId || !context.state.companies.has(key.companyId)) {
      // Assumption: a bad, revoked or foreign key is answered like bad credentials (401).
      throw ProcountorApiError.single(401, 'invalid_grant');
    }
    const token = randomBytes(24).toString('base64url');
    context.state.tokens.set(token, {
      token,
      companyId: key.companyId,
      clientId: client.clientId,
      apiKey: key.apiKey,
      expiresAtMs: context.now() + TOKEN_LIFETIME_SECONDS * 1000,
    });
    return reply.send({ access_token: token, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS });
  });
}
