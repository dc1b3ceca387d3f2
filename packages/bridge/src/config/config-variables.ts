// Every environment variable the bridge reads: name, default, rule and description, in one list (parser and docs share it).

/** Parses one raw value; returns the value, or a sentence naming the rule it breaks. */
type ParseRule<T> = (raw: string) => { value: T } | { problem: string };

export interface ConfigVariable<T = unknown> {
  name: string;
  /** Shown in docs/configuration.md: the value used when the variable is unset, or what unset means. */
  defaultText: string;
  /** The rule, one phrase, reused in error messages and docs ("an integer from 1 to 65535"). */
  rule: string;
  description: string;
  parse: ParseRule<T>;
  /** Marks credentials: their parse rules never echo the raw value into a problem message. */
  isSecret?: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const text: ParseRule<string> = (raw) => ({ value: raw });

const integerBetween =
  (min: number, max: number): ParseRule<number> =>
  (raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && value >= min && value <= max ? { value } : { problem: `'${raw}' is not an integer` };
  };

const httpUrl: ParseRule<string> = (raw) => {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { value: raw.replace(/\/+$/, '') };
  } catch {}
  return { problem: `'${raw}' is not an http(s) URL` };
};

const postgresUrl: ParseRule<string> = (raw) =>
  /^postgres(ql)?:\/\//.test(raw) ? { value: raw } : { problem: 'does not start with postgres:// or postgresql://' };

/** 32 random bytes: AES-256 needs exactly 256 bits (NIST SP 800-38D; Node crypto 'aes-256-gcm'). */
const base64Key: ParseRule<Buffer> = (raw) => {
  const value = Buffer.from(raw, 'base64');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && value.length === 32
    ? { value }
    : { problem: `decodes to ${value.length} bytes` };
};

const logLevel: ParseRule<LogLevel> = (raw) =>
  (LOG_LEVELS as readonly string[]).includes(raw) ? { value: raw as LogLevel } : { problem: `'${raw}' is unknown` };

const STARTTLS_MODES = ['auto', 'required', 'never'] as const;
export type StarttlsMode = (typeof STARTTLS_MODES)[number];

const starttlsMode: ParseRule<StarttlsMode> = (raw) =>
  (STARTTLS_MODES as readonly string[]).includes(raw)
    ? { value: raw as StarttlsMode }
    : { problem: `'${raw}' is unknown` };

const booleanFlag: ParseRule<boolean> = (raw) =>
  raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { problem: `'${raw}' is neither true nor false` };

/** An e-mail address as SMTP's MAIL FROM takes it: local@domain, no spaces or angle brackets. */
const emailAddress: ParseRule<string> = (raw) =>
  /^[^\s<>@]+@[^\s<>@]+$/.test(raw) ? { value: raw } : { problem: `'${raw}' is not an e-mail address` };

const variable = <T>(definition: ConfigVariable<T>) => definition;

/** Listed in the order docs/configuration.md shows them. */
export const CONFIG_VARIABLES = {
  databaseUrl: variable({
    name: 'DATABASE_URL',
    defaultText: '(unset: embedded PGlite)',
    rule: 'a postgres:// or postgresql:// connection string',
    description: 'PostgreSQL for production and scale-out. Unset, the bridge uses PGlite files in `<dataDir>/pglite`.',
    parse: postgresUrl,
    isSecret: true,
  }),
  dataDir: variable({
    name: 'BRIDGE_DATA_DIR',
    defaultText: '`./data`',
    rule: 'a directory path',
    description: 'Holds the PGlite database files and the generated `secret.key`. Relative to the working directory.',
    parse: text,
  }),
  port: variable({
    name: 'PORT',
    defaultText: '`8080`',
    rule: 'an integer from 0 to 65535',
    description: 'HTTP port of the bridge API, console and metrics.',
    parse: integerBetween(0, 65535),
  }),
  host: variable({
    name: 'HOST',
    defaultText: '`127.0.0.1`',
    rule: 'a host name or IP address',
    description:
      'Interface to listen on. The default answers only this machine; set `0.0.0.0` in a container or behind a proxy.',
    parse: text,
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    defaultText: '`info`',
    rule: `one of ${LOG_LEVELS.join(', ')}`,
    description: 'pino level of the technical log (JSON lines on stdout).',
    parse: logLevel,
  }),
  secretKey: variable({
    name: 'BRIDGE_SECRET_KEY',
    defaultText: '(unset: generated `<dataDir>/secret.key`)',
    rule: 'base64 of exactly 32 bytes (`openssl rand -base64 32`)',
    description:
      'Encrypts Procountor credentials at rest (AES-256-GCM). Unset, a key file is created once (mode 0600) and reused; back it up with the database.',
    parse: base64Key,
    isSecret: true,
  }),
  adminToken: variable({
    name: 'BRIDGE_ADMIN_TOKEN',
    defaultText: '(unset)',
    rule: 'at least 24 characters',
    description: 'Optional bootstrap admin token for the API and console, before any token is created in the console.',
    parse: (raw) => (raw.length >= 24 ? { value: raw } : { problem: `has ${raw.length} characters` }),
    isSecret: true,
  }),
  publicUrl: variable({
    name: 'BRIDGE_PUBLIC_URL',
    defaultText: '`http://localhost:<PORT>`',
    rule: 'an http(s) URL',
    description:
      'The address others reach the bridge at: used in the webhook URL the bridge registers with Procountor by itself (docs/payments.md) and in links.',
    parse: httpUrl,
  }),
  procountorClientId: variable({
    name: 'PROCOUNTOR_CLIENT_ID',
    defaultText: '(unset: demo mode)',
    rule: 'text; set together with PROCOUNTOR_CLIENT_SECRET and PROCOUNTOR_API_KEY',
    description:
      'M2M client id Procountor issues per integration. With all three credentials unset the bridge starts the local emulator with a demo connection.',
    parse: text,
  }),
  procountorClientSecret: variable({
    name: 'PROCOUNTOR_CLIENT_SECRET',
    defaultText: '(unset: demo mode)',
    rule: 'text; set together with PROCOUNTOR_CLIENT_ID and PROCOUNTOR_API_KEY',
    description: 'M2M client secret of the integration.',
    parse: text,
    isSecret: true,
  }),
  procountorApiKey: variable({
    name: 'PROCOUNTOR_API_KEY',
    defaultText: '(unset: demo mode)',
    rule: 'text; set together with PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET',
    description:
      'Company API key of the first connection (later connections are added in the console, each with its own key).',
    parse: text,
    isSecret: true,
  }),
  procountorBaseUrl: variable({
    name: 'PROCOUNTOR_BASE_URL',
    defaultText: '`https://pts-api.procountor.com/api`',
    rule: 'an http(s) URL',
    description:
      'Procountor API root. The default is the public test server (contract `servers`); production is `https://api.procountor.com/api`.',
    parse: httpUrl,
  }),
  workerConcurrency: variable({
    name: 'WORKER_CONCURRENCY',
    defaultText: '`4`',
    rule: 'an integer from 0 to 64',
    description: 'Jobs this process runs at once per queue. `0` runs no workers (an API-only process).',
    parse: integerBetween(0, 64),
  }),
  smtpHost: variable({
    name: 'SMTP_HOST',
    defaultText: '(unset: no e-mails, each skipped one is logged)',
    rule: 'a host name or IP address',
    description:
      "Mail server for the failure e-mails to a connection's `errorEmailRecipients` (docs/notifications.md). Unset, nothing is sent.",
    parse: text,
  }),
  smtpPort: variable({
    name: 'SMTP_PORT',
    defaultText: '`25` (`465` with `SMTP_TLS=true`)',
    rule: 'an integer from 1 to 65535',
    description: 'Port of the mail server.',
    parse: integerBetween(1, 65535),
  }),
  smtpTls: variable({
    name: 'SMTP_TLS',
    defaultText: '`false`',
    rule: 'true or false',
    description:
      'Connect with TLS from the first byte (SMTPS, usually port 465). `false`: a plain connection that `SMTP_STARTTLS` may upgrade.',
    parse: booleanFlag,
  }),
  smtpStarttls: variable({
    name: 'SMTP_STARTTLS',
    defaultText: '`auto`',
    rule: 'auto, required or never',
    description:
      'Without `SMTP_TLS`: `auto` upgrades to TLS when the server offers STARTTLS, `required` sends nothing unless it does (port 587 submission), `never` stays plain (a local relay).',
    parse: starttlsMode,
  }),
  smtpTlsRejectUnauthorized: variable({
    name: 'SMTP_TLS_REJECT_UNAUTHORIZED',
    defaultText: '`true`',
    rule: 'true or false',
    description:
      "Verify the mail server's TLS certificate (SMTPS and STARTTLS). `false` accepts any certificate: only for a relay on a network you trust.",
    parse: booleanFlag,
  }),
  smtpTlsCaFile: variable({
    name: 'SMTP_TLS_CA_FILE',
    defaultText: "(unset: Node's trusted CAs)",
    rule: 'a path to a PEM file',
    description:
      "Certificate(s) of the CA that signed the mail server's certificate, trusted besides Node's own: for a server with a private or self-signed certificate, verified all the same.",
    parse: text,
  }),
  smtpFrom: variable({
    name: 'SMTP_FROM',
    defaultText: '`procountor-bridge@localhost`',
    rule: 'an e-mail address',
    description: 'Sender address of the failure e-mails.',
    parse: emailAddress,
  }),
  smtpUser: variable({
    name: 'SMTP_USER',
    defaultText: '(unset: no login)',
    rule: 'text; set together with SMTP_PASSWORD',
    description:
      'Login for the mail server (AUTH PLAIN or LOGIN, as the server offers). A local relay usually needs none.',
    parse: text,
  }),
  smtpPassword: variable({
    name: 'SMTP_PASSWORD',
    defaultText: '(unset: no login)',
    rule: 'text; set together with SMTP_USER',
    description: 'Password for `SMTP_USER`.',
    parse: text,
    isSecret: true,
  }),
} as const;
