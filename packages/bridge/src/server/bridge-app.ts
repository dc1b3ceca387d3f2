// What the slices plug into: the kernel's app type, a route module, and the route config flags the kernel checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';

export type BridgeApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A domain's HTTP surface: registers its routes on the app (see nango's one-file-per-endpoint controllers). */
export type RouteModule = (app: BridgeApp) => void | Promise<void>;

/** Route config flags, checked by the kernel before the body is parsed or validated. */
export interface BridgeRouteConfig {
  /** A /v1 route that needs no token (e.g. signing in); /healthz, /metrics and /docs are outside /v1. */
  public?: boolean;
  /** Only an admin token or console user may call it; a connection token gets 403 admin_required. */
  admin?: boolean;
}
