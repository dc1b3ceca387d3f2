// Who is calling: an admin token or console user, or a token scoped to one connection; and the checks routes make with it.
import type { FastifyRequest } from 'fastify';
import { BridgeError, NotFoundError } from '../errors/bridge-error';

/** A console user signed in with the session cookie is an admin with tokenId `console-user:<userId>` and a userName. */
export type Principal =
  | { kind: 'admin'; tokenId: string; userName?: string }
  | { kind: 'connection'; tokenId: string; connectionId: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 request; absent only on public routes. */
    principal?: Principal;
  }
}

export class AuthenticationRequiredError extends BridgeError {
  override name = 'AuthenticationRequiredError';
  constructor() {
    super(
      401,
      'authentication_required',
      'Send an API token as "Authorization: Bearer <token>", or sign in to the console.',
    );
  }
}

export class CsrfTokenRequiredError extends BridgeError {
  override name = 'CsrfTokenRequiredError';
  constructor() {
    super(
      403,
      'csrf_token_required',
      'A change made with the console session cookie must send the X-CSRF-Token header the sign-in returned.',
      [{ path: 'headers.x-csrf-token', rule: 'equals', message: "must be the session's CSRF token" }],
    );
  }
}

export class AdminRequiredError extends BridgeError {
  override name = 'AdminRequiredError';
  constructor() {
    super(403, 'admin_required', 'This operation needs an admin token; a connection token cannot do it.');
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AuthenticationRequiredError();
  return request.principal;
}

/**
 * An admin sees every connection; a connection token only its own. Another connection's id answers 404, as if it
 * did not exist, so a token never learns which connections there are. The kernel calls it for every route under
 * /v1/connections/:connectionId (build-server.ts); a handler calls it only for a connection named elsewhere (a query).
 */
export function assertConnectionAccess(request: FastifyRequest, connectionId: string): void {
  const principal = principalOf(request);
  if (principal.kind === 'connection' && principal.connectionId !== connectionId) {
    throw new NotFoundError(`Connection ${connectionId}`);
  }
}

/** The kernel calls it for every route whose config says `admin: true` (build-server.ts BridgeRouteConfig). */
export function assertAdmin(request: FastifyRequest): void {
  if (principalOf(request).kind !== 'admin') throw new AdminRequiredError();
}
