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
    if (typeof input[field] !== 'string' || input[field].trim() === '') {
      problems.push({ path: field, rule: 'required', message: 'must not be empty' });
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
