// Procountor's base URLs: production, the public test server, and the versioned bases.

/** Production (FACTS.md "Hosts and versions"). */
export const PROCOUNTOR_PRODUCTION_BASE_URL = 'https://api.procountor.com/api';
/** Procountor's public test server (PTS). */
export const PROCOUNTOR_TEST_BASE_URL = 'https://pts-api.procountor.com/api';

export type ProcountorEnvironment = 'production' | 'test';

/**
 * `latest` moves monthly, `supported` every three months, `vYYMM` (e.g. `v2604`) is pinned and supported about nine
 * months. Without a version, the unversioned base follows Procountor's default.
 */
export type ProcountorApiVersion = 'latest' | 'supported' | `v${number}`;

const HOSTS: Record<ProcountorEnvironment, string> = {
  production: 'https://api.procountor.com',
  test: 'https://pts-api.procountor.com',
};

/** The base URL of an environment, e.g. `procountorBaseUrl('test', 'v2604')` → https://pts-api.procountor.com/v2604/api. */
export function procountorBaseUrl(environment: ProcountorEnvironment, version?: ProcountorApiVersion): string {
  const host = HOSTS[environment];
  if (host === undefined)
    throw new RangeError(`Unknown Procountor environment '${environment}': use production or test`);
  if (version === undefined) return `${host}/api`;
  if (!/^(latest|supported|v\d{4})$/.test(version)) {
    throw new RangeError(`API version '${version}' should be latest, supported or vYYMM such as v2604`);
  }
  return `${host}/${version}/api`;
}

/** Checks a base URL (any http or https URL, e.g. the emulator's) and drops a trailing slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl '${baseUrl}' is not a URL; use e.g. ${PROCOUNTOR_PRODUCTION_BASE_URL}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl '${baseUrl}' should start with https:// (or http:// for a local emulator)`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(`baseUrl '${baseUrl}' should have no query string or fragment`);
  }
  return baseUrl.replace(/\/+$/, '');
}
