// Parses the environment into a typed BridgeConfig once at start, reporting every problem at once; the only reader of process.env.
import path from 'node:path';
import { CONFIG_VARIABLES, type ConfigVariable, type LogLevel, type StarttlsMode } from './config-variables';

/** Credentials of the first Procountor connection; absent means demo mode (the bridge starts the emulator). */
export interface ProcountorCredentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
  baseUrl: string;
}

/** The mail server failure e-mails go through (notifications/); absent means e-mails are skipped and logged. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS (SMTPS) from the first byte. */
  tls: boolean;
  /** Without `tls`: upgrade with STARTTLS when offered (auto, the default), insist on it (required), or never. */
  starttls?: StarttlsMode;
  /** Verify the server's certificate; default true. */
  rejectUnauthorized?: boolean;
  /** PEM file of a CA to trust besides Node's (absolute path). */
  caFile?: string;
  from: string;
  /** A login (PLAIN or LOGIN) when set. */
  auth?: { user: string; password: string };
  /**
   * Tries within one failure-e-mail job before it fails and pg-boss tries it again minutes later. Code only (no
   * environment variable): tests shorten the delays. Default 3 attempts, 2 s then 4 s apart.
   */
  sendRetry?: { attempts: number; firstDelayMs: number };
}

export interface BridgeConfig {
  /** Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /** Absolute path. */
  dataDir: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** 32 bytes; unset: secrets/ creates or reads `<dataDir>/secret.key`. */
  secretKey: Buffer | undefined;
  adminToken: string | undefined;
  publicUrl: string;
  procountor: ProcountorCredentials | undefined;
  workerConcurrency: number;
  /** Unset: failure e-mails are skipped (and logged). Optional so configs built in code need not name it. */
  smtp?: SmtpConfig;
}

/** One broken variable: its name, the rule, and what is wrong (never the value of a secret). */
export interface ConfigProblem {
  variable: string;
  rule: string;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `The bridge configuration has ${problems.length} problem(s):\n${problems
        .map((problem) => `  ${problem.variable}: ${problem.message}; expected ${problem.rule}`)
        .join('\n')}`,
    );
  }
}

const PROCOUNTOR_TEST_SERVER = 'https://pts-api.procountor.com/api';

/**
 * Parses `env` (defaults to `process.env`) into a BridgeConfig.
 * @throws ConfigError listing every problem, so an operator fixes them all in one go.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): BridgeConfig {
  const problems: ConfigProblem[] = [];
  const read = <T>(variable: ConfigVariable<T>): T | undefined => {
    const raw = env[variable.name]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const result = variable.parse(raw);
    if ('value' in result) return result.value;
    problems.push({ variable: variable.name, rule: variable.rule, message: result.problem });
    return undefined;
  };
  const v = CONFIG_VARIABLES;

  const port = read(v.port) ?? 8080;
  const clientId = read(v.procountorClientId);
  const clientSecret = read(v.procountorClientSecret);
  const apiKey = read(v.procountorApiKey);
  const baseUrl = read(v.procountorBaseUrl) ?? PROCOUNTOR_TEST_SERVER;
  const credentials = [v.procountorClientId, v.procountorClientSecret, v.procountorApiKey];
  const setCount = [clientId, clientSecret, apiKey].filter((value) => value !== undefined).length;
  if (setCount > 0 && setCount < credentials.length) {
    // Half a set of credentials is a mistake, not demo mode: say which ones are missing.
    for (const [index, value] of [clientId, clientSecret, apiKey].entries()) {
      const credential = credentials[index]!;
      if (value === undefined) problems.push({ variable: credential.name, rule: credential.rule, message: 'is unset' });
    }
  }

  const smtpHost = read(v.smtpHost);
  const smtpTls = read(v.smtpTls) ?? false;
  const smtpPort = read(v.smtpPort) ?? (smtpTls ? 465 : 25);
  const smtpStarttls = read(v.smtpStarttls) ?? 'auto';
  const smtpRejectUnauthorized = read(v.smtpTlsRejectUnauthorized) ?? true;
  const smtpCaFile = read(v.smtpTlsCaFile);
  const smtpFrom = read(v.smtpFrom) ?? 'procountor-bridge@localhost';
  const smtpUser = read(v.smtpUser);
  const smtpPassword = read(v.smtpPassword);
  if ((smtpUser === undefined) !== (smtpPassword === undefined)) {
    const missing = smtpUser === undefined ? v.smtpUser : v.smtpPassword;
    problems.push({ variable: missing.name, rule: missing.rule, message: 'is unset' });
  }

  const config: BridgeConfig = {
    databaseUrl: read(v.databaseUrl),
    dataDir: path.resolve(cwd, read(v.dataDir) ?? './data'),
    port,
    host: read(v.host) ?? '127.0.0.1',
    logLevel: read(v.logLevel) ?? 'info',
    secretKey: read(v.secretKey),
    adminToken: read(v.adminToken),
    publicUrl: read(v.publicUrl) ?? `http://localhost:${port}`,
    procountor: clientId && clientSecret && apiKey ? { clientId, clientSecret, apiKey, baseUrl } : undefined,
    workerConcurrency: read(v.workerConcurrency) ?? 4,
    ...(smtpHost
      ? {
          smtp: {
            host: smtpHost,
            port: smtpPort,
            tls: smtpTls,
            starttls: smtpStarttls,
            rejectUnauthorized: smtpRejectUnauthorized,
            ...(smtpCaFile ? { caFile: path.resolve(cwd, smtpCaFile) } : {}),
            from: smtpFrom,
            ...(smtpUser && smtpPassword ? { auth: { user: smtpUser, password: smtpPassword } } : {}),
          },
        }
      : {}),
  };
  if (problems.length > 0) {
    const order = Object.values(v).map((variable) => variable.name);
    throw new ConfigError(problems.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable)));
  }
  return config;
}
