// The bridge's root pino logger: JSON lines, secrets redacted by path before anything is written.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config-variables';

/**
 * Field names that hold credentials anywhere we log them: our config and connection rows (clientSecret, apiKey,
 * secretKey, adminToken, databaseUrl with its password), Procountor's token response (access_token), and HTTP
 * headers. Matched at the top level and two levels down (`*.apiKey`, `*.*.apiKey`), as fast-redact has no
 * deep wildcard (pino docs, "Redaction"). Log secrets' owners by id, never the object holding the secret.
 */
const SECRET_FIELD_NAMES = [
  'authorization',
  'Authorization',
  'cookie',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'token',
  'secret',
  'secretKey',
  'webhookSecret',
  'adminToken',
  'password',
  'databaseUrl',
];

export const REDACTED_PATHS: string[] = SECRET_FIELD_NAMES.flatMap((name) => [name, `*.${name}`, `*.*.${name}`]).concat(
  // Fastify's request serializer and our HTTP client log headers one level deeper (req.headers.authorization).
  SECRET_FIELD_NAMES.map((name) => `*.*.*.${name}`),
);

export const REDACTION_CENSOR = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** Made once in main.ts; everything else gets a child (`logger.child({ connectionId })`). */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'procountor-bridge' },
      redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
      // ISO time reads better in plain `docker logs` than epoch milliseconds.
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Synchronous stdout: no lines lost when the process exits on a fatal error (pino's own default).
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
