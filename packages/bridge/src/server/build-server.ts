// Builds the bridge's Fastify app: TypeBox schemas, one error shape, token or console-session auth on /v1, OpenAPI at /openapi.json and /docs.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import type { BridgeApp, BridgeRouteConfig, RouteModule } from './bridge-app';
import { installErrorHandler } from './error-handler';
import { installJsonBodyParser } from './json-body-parser';
import {
  AuthenticationRequiredError,
  assertAdmin,
  assertConnectionAccess,
  CsrfTokenRequiredError,
  type Principal,
} from './principal';
import { requestValidatorCompiler } from './request-validator-compiler';

export interface ServerOptions {
  logger: Logger;
  /** Resolves a bearer token to who is calling, or undefined for an unknown or revoked token. */
  authenticate: (token: string) => Promise<Principal | undefined>;
  /**
   * Resolves the console's session cookie (SESSION_COOKIE) to who is signed in, or undefined. A request without a
   * bearer token may authenticate with the cookie; its unsafe methods must then carry the session's X-CSRF-Token.
   */
  authenticateSession?: (cookieValue: string) => Promise<{ principal: Principal; csrfToken: string } | undefined>;
  routes: readonly RouteModule[];
  /** Shown in the OpenAPI document's servers. */
  publicUrl?: string;
  /** The OpenAPI document's `webhooks`: the requests the bridge sends (source-webhooks/webhook-openapi.ts). */
  openapiWebhooks?: Record<string, unknown>;
}

/** The console's session cookie: httpOnly, SameSite=Strict (console-users/session-routes.ts sets it). */
export const SESSION_COOKIE = 'pb_session';
/** The header the console echoes the session's CSRF token in; a cross-site form or fetch cannot set it. */
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Base64 attachments of 10,000,000 bytes grow by a third; a batch of up to 1,000 documents needs room too. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * Every route under this prefix acts on the connection in its path: the kernel checks the token's access to it
 * before anything else, so a token of another connection learns nothing, not even the shape of the body.
 */
export const CONNECTION_ROUTE_PREFIX = '/v1/connections/:connectionId';

function isConnectionRoute(routeUrl: string | undefined): boolean {
  return (
    routeUrl !== undefined &&
    (routeUrl === CONNECTION_ROUTE_PREFIX || routeUrl.startsWith(`${CONNECTION_ROUTE_PREFIX}/`))
  );
}

export async function buildServer(options: ServerOptions): Promise<BridgeApp> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: MAX_REQUEST_BYTES,
    genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are validated as sent: no coercion, unknown fields refused by name, text that cannot be stored refused.
  app.setValidatorCompiler(requestValidatorCompiler);
  installJsonBodyParser(app);
  installErrorHandler(app);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'procountor-bridge API',
        version: '0.1.0',
        description: 'The source-facing API of procountor-bridge: connections, documents, transfers, events.',
      },
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
      ...(options.openapiWebhooks ? { webhooks: options.openapiWebhooks } : {}),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every /v1 route needs a valid token unless its config says public; then the connection in the path and the
  // admin flag are checked. All of it before the body is parsed and validated, so a caller without the right
  // learns nothing about the request's shape (onRequest runs before parsing).
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    let principal = match ? await options.authenticate(match[1]!) : undefined;
    const sessionCookie = request.cookies[SESSION_COOKIE];
    if (!match && sessionCookie && options.authenticateSession) {
      const session = await options.authenticateSession(sessionCookie);
      if (session) {
        // SameSite=Strict already keeps the cookie off cross-site requests; the header is the second lock.
        const sent = request.headers[CSRF_HEADER];
        if (!SAFE_METHODS.has(request.method) && !(typeof sent === 'string' && sameSecret(sent, session.csrfToken)))
          throw new CsrfTokenRequiredError();
        principal = session.principal;
      }
    }
    const config = request.routeOptions.config as BridgeRouteConfig | undefined;
    if (principal) request.principal = principal;
    else if (config?.public) return;
    else throw new AuthenticationRequiredError();
    if (isConnectionRoute(request.routeOptions.url)) {
      assertConnectionAccess(request, (request.params as { connectionId: string }).connectionId);
    }
    if (config?.admin) assertAdmin(request);
  });

  for (const register of options.routes) await register(app);
  return app;
}
