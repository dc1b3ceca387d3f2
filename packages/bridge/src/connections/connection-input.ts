// Checks what an admin sends to create a connection or replace its credentials; every problem is listed at once.
import { normalizeBaseUrl, PROCOUNTOR_PRODUCTION_BASE_URL, PROCOUNTOR_TEST_BASE_URL } from '@procountor-bridge/client';
import { type ErrorDetail, ValidationFailedError } from '../errors/bridge-error';
import type { ProcountorEnvironmentName } from './connection-record';
import type { ConnectionCredentials } from './connection-repository';

export interface CredentialsInput {
  environment: ProcountorEnvironmentName;
  /** Required for `custom` (an emulator, a proxy); for production and test only a versioned base on their host. */
  baseUrl?: string | undefined;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/**
 * Longest credentials accepted. The contract gives no length for client_id, client_secret or api_key (POST
 * /oauth/token); the values Procountor issues are far shorter (client ids such as `LinearClient`, `VismaSeveraClient`),
 * so these are generous limits that still refuse a pasted file or a 100 KB value before it is encrypted and stored.
 */
export const MAX_CLIENT_ID_CHARS = 200;
export const MAX_CLIENT_SECRET_CHARS = 500;
export const MAX_API_KEY_CHARS = 500;
const MAX_CHARS = { clientId: MAX_CLIENT_ID_CHARS, clientSecret: MAX_CLIENT_SECRET_CHARS, apiKey: MAX_API_KEY_CHARS };

/**
 * Issued credentials are tokens of printable ASCII without spaces (assumption: every value seen, and the form the
 * token request sends them in); a space, a line break or a letter outside ASCII means a copy-paste went wrong.
 */
const CREDENTIAL_CHARACTERS = /^[\x21-\x7e]+$/;

const ENVIRONMENT_BASES: Record<'production' | 'test', string> = {
  production: PROCOUNTOR_PRODUCTION_BASE_URL,
  test: PROCOUNTOR_TEST_BASE_URL,
};

/** The base URL a connection uses, or the problem with what was given. */
function resolveBaseUrl(input: CredentialsInput): { baseUrl: string } | { problem: ErrorDetail } {
  const problem = (message: string, rule: string) => ({ problem: { path: 'baseUrl', rule, message } });
  if (input.environment !== 'custom' && input.baseUrl === undefined) {
    return { baseUrl: ENVIRONMENT_BASES[input.environment] };
  }
  if (input.baseUrl === undefined || input.baseUrl.trim() === '') {
    return problem('is required when environment is custom (e.g. the emulator, http://127.0.0.1:4010/api)', 'required');
  }
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(input.baseUrl.trim());
  } catch (error) {
    return problem((error as Error).message, 'http_url');
  }
  if (input.environment !== 'custom') {
    // A versioned base such as …/v2604/api is fine (FACTS.md "Hosts and versions"); another host is a mistake.
    const host = new URL(ENVIRONMENT_BASES[input.environment]).host;
    if (new URL(baseUrl).host !== host) {
      return problem(
        `must be on ${host} for environment ${input.environment}; use environment custom for other hosts`,
        'environment_host',
      );
    }
  }
  return { baseUrl };
}

/** Problems of the credentials: empty fields, a missing or foreign base URL. */
export function credentialsProblems(input: CredentialsInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of ['clientId', 'clientSecret', 'apiKey'] as const) {
    const value = typeof input[field] === 'string' ? input[field].trim() : '';
    if (value === '') {
      problems.push({ path: field, rule: 'required', message: 'must not be empty' });
    } else if (value.length > MAX_CHARS[field]) {
      problems.push({
        path: field,
        rule: `max_length_${MAX_CHARS[field]}`,
        message: `is ${value.length} characters; at most ${MAX_CHARS[field]}, far more than Procountor issues: paste only the value`,
      });
    } else if (!CREDENTIAL_CHARACTERS.test(value)) {
      problems.push({
        path: field,
        rule: 'credential_characters',
        message: 'has spaces, line breaks or characters outside ASCII; paste the value exactly as Procountor issued it',
      });
    }
  }
  const resolved = resolveBaseUrl(input);
  if ('problem' in resolved) problems.push(resolved.problem);
  return problems;
}

/** The credentials to store, trimmed and with the base URL resolved. @throws ValidationFailedError */
export function toConnectionCredentials(
  input: CredentialsInput,
  extraProblems: ErrorDetail[] = [],
): ConnectionCredentials {
  const problems = [...credentialsProblems(input), ...extraProblems];
  const resolved = resolveBaseUrl(input);
  if (problems.length > 0 || 'problem' in resolved) throw new ValidationFailedError(problems, 'The connection');
  return {
    environment: input.environment,
    baseUrl: resolved.baseUrl,
    clientId: input.clientId.trim(),
    clientSecret: input.clientSecret.trim(),
    apiKey: input.apiKey.trim(),
  };
}

/** Which environment a configured base URL belongs to (PROCOUNTOR_BASE_URL → the "Default" connection). */
export function environmentOfBaseUrl(baseUrl: string): ProcountorEnvironmentName {
  const host = new URL(baseUrl).host;
  if (host === new URL(PROCOUNTOR_PRODUCTION_BASE_URL).host) return 'production';
  if (host === new URL(PROCOUNTOR_TEST_BASE_URL).host) return 'test';
  return 'custom';
}

export function nameProblems(name: unknown): ErrorDetail[] {
  if (typeof name !== 'string' || name.trim() === '')
    return [{ path: 'name', rule: 'required', message: 'must not be empty' }];
  if (name.length > 100) return [{ path: 'name', rule: 'max_length_100', message: 'is longer than 100 characters' }];
  return [];
}
