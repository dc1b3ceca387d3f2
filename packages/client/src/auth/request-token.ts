// The M2M token request: POST {base}/oauth/token, form-encoded client credentials plus the company API key.
import type { HttpTransport } from '../transport/http-transport';
import { parseJsonBody } from '../transport/http-transport';

/** What Procountor issues a token for: the integrator's client and one company's API key. */
export interface M2MCredentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

export interface IssuedToken {
  accessToken: string;
  /** Lifetime from `expires_in`; 3600 s in practice (FACTS.md "Authentication"). */
  expiresInSeconds: number;
}

/**
 * Asks Procountor for a bearer token. The body is form-encoded with Content-Type exactly
 * `application/x-www-form-urlencoded` (no charset, release notes 24.08) and nothing goes in the query string
 * (refused since September 2023). There is no refresh token: a new token is requested when the old one ends.
 */
export async function requestToken(transport: HttpTransport, credentials: M2MCredentials): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    api_key: credentials.apiKey,
  });
  const response = await transport.send({
    method: 'post',
    path: '/oauth/token',
    body: { type: 'form', value: form.toString() },
    authenticate: false,
    // Asking twice only yields two valid tokens, so the token request is retried like an idempotent call.
    idempotent: true,
  });
  const body = parseJsonBody<{ access_token?: unknown; expires_in?: unknown }>(response);
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new Error('Procountor answered the token request without an access_token');
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
  };
}
