// What Procountor's gateway does before a request reaches the API: refuse GET bodies, add latency, limit the rate.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { isApiPath } from '../request-log/install-request-log';
import { RateLimiter } from './rate-limiter';

function carriesBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || /chunked/i.test(request.headers['transfer-encoding'] ?? '');
}

/** The client a request is counted against: its token's client, the token form's client_id, else its address. */
function rateKeyOf(request: FastifyRequest): string {
  if (request.procountorToken) return `client:${request.procountorToken.clientId}`;
  const form = request.body as Record<string, unknown> | undefined;
  if (typeof form?.client_id === 'string') return `client:${form.client_id}`;
  return `ip:${request.ip}`;
}

export function installGatewayHooks(app: FastifyInstance, context: EmulatorContext): RateLimiter {
  const limiter = new RateLimiter(context.now);

  app.addHook('onRequest', async (request) => {
    if (!isApiPath(request.url)) return;
    // Procountor's test gateway refuses a GET that carries a body with 403 (FACTS.md, Requests and paging).
    if (request.method === 'GET' && carriesBody(request)) {
      throw ProcountorApiError.single(403, 'Forbidden: a GET request must not carry a body');
    }
    const latencyMs = context.settings.latencyMs;
    if (latencyMs !== null && latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  });

  // A preHandler added after the bearer check, so the token (and with it the client) is known.
  app.addHook('preHandler', async (request, reply) => {
    const perSecond = context.settings.rateLimitPerSecond;
    if (perSecond === null || perSecond <= 0 || !isApiPath(request.url)) return;
    const decision = limiter.take(rateKeyOf(request), perSecond);
    if (decision.allowed) return;
    // Assumption: Procountor publishes no rate limit and the contract lists no 429 (FACTS.md); this answers like
    // a common gateway would, with Retry-After in seconds and Procountor's error shape.
    reply.header('retry-after', String(decision.retryAfterSeconds));
    throw ProcountorApiError.single(429, 'Too Many Requests');
  });

  return limiter;
}
