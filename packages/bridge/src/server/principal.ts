// Who is calling: an admin token, or a token scoped to one connection; and the checks routes make with it.
import type { FastifyRequest } from 'fastify';
import { BridgeError, NotFoundError } from '../errors/bridge-error';

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
    super(401, 'authentication_required', 'Send an API token as "Authorization: Bearer <token>".');
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
 * did not exist, so a token never learns which connections there are.
 */
export function assertConnectionAccess(request: FastifyRequest, connectionId: string): void {
  const principal = principalOf(request);
  if (principal.kind === 'connection' && principal.connectionId !== connectionId) {
    throw new NotFoundError(`Connection ${connectionId}`);
  }
}

export function assertAdmin(request: FastifyRequest): void {
  if (principalOf(request).kind !== 'admin') throw new AdminRequiredError();
}
