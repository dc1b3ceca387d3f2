// Tests parsing the environment into BridgeConfig: defaults, every problem at once, secrets kept out of messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from './config-table';
import { ConfigError, loadConfig } from './load-config';

const parseProblems = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/srv/bridge');
  } catch (error) {
    if (error instanceof ConfigError) return error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs with nothing set: PGlite under ./data, 127.0.0.1:8080, demo mode', () => {
    expect(loadConfig({}, '/srv/bridge')).toEqual({
      databaseUrl: undefined,
      dataDir: '/srv/bridge/data',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      secretKey: undefined,
      adminToken: undefined,
      publicUrl: 'http://localhost:8080',
      procountor: undefined,
      workerConcurrency: 4,
    });
  });

  it('reads every variable into typed values', () => {
    const key = Buffer.alloc(32, 7);
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://bridge@db/bridge',
        BRIDGE_DATA_DIR: '/var/lib/bridge',
        PORT: '9000',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'debug',
        BRIDGE_SECRET_KEY: key.toString('base64'),
        BRIDGE_ADMIN_TOKEN: 'a'.repeat(32),
        BRIDGE_PUBLIC_URL: 'https://bridge.example.fi/',
        PROCOUNTOR_CLIENT_ID: 'client',
        PROCOUNTOR_CLIENT_SECRET: 'secret',
        PROCOUNTOR_API_KEY: 'api-key',
        WORKER_CONCURRENCY: '0',
      },
      '/srv/bridge',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://bridge@db/bridge',
      dataDir: '/var/lib/bridge',
      port: 9000,
      host: '0.0.0.0',
      logLevel: 'debug',
      publicUrl: 'https://bridge.example.fi',
      procountor: {
        clientId: 'client',
        clientSecret: 'secret',
        apiKey: 'api-key',
        baseUrl: 'https://pts-api.procountor.com/api',
      },
      workerConcurrency: 0,
    });
    expect(config.secretKey?.equals(key)).toBe(true);
  });

  it('reports every problem at once, each with the variable name and the rule', () => {
    const error = parseProblems({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      BRIDGE_SECRET_KEY: Buffer.alloc(16).toString('base64'),
      BRIDGE_PUBLIC_URL: 'ftp://bridge',
      PROCOUNTOR_CLIENT_ID: 'client',
      WORKER_CONCURRENCY: '100',
    });
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'PORT',
      'LOG_LEVEL',
      'BRIDGE_SECRET_KEY',
      'BRIDGE_PUBLIC_URL',
      'PROCOUNTOR_CLIENT_SECRET',
      'PROCOUNTOR_API_KEY',
      'WORKER_CONCURRENCY',
    ]);
    expect(error.message).toContain("PORT: 'eighty' is not an integer; expected an integer from 0 to 65535");
    expect(error.message).toContain('PROCOUNTOR_API_KEY: is unset; expected text; set together with');
    expect(error.message).toContain('BRIDGE_SECRET_KEY: decodes to 16 bytes; expected base64 of exactly 32 bytes');
  });

  it('reads the mail server for failure e-mails, with 465 as the TLS port and AUTH only as a pair', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: 'mail.example.fi' }).smtp).toEqual({
      host: 'mail.example.fi',
      port: 25,
      tls: false,
      starttls: 'auto',
      rejectUnauthorized: true,
      from: 'procountor-bridge@localhost',
    });
    expect(
      loadConfig({
        SMTP_HOST: 'mail.example.fi',
        SMTP_TLS: 'true',
        SMTP_FROM: 'bridge@example.fi',
        SMTP_USER: 'bridge',
        SMTP_PASSWORD: 'hunter2',
      }).smtp,
    ).toEqual({
      host: 'mail.example.fi',
      port: 465,
      tls: true,
      starttls: 'auto',
      rejectUnauthorized: true,
      from: 'bridge@example.fi',
      auth: { user: 'bridge', password: 'hunter2' },
    });
    const error = parseProblems({ SMTP_HOST: 'mail', SMTP_PORT: '0', SMTP_TLS: 'yes', SMTP_USER: 'bridge' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['SMTP_PORT', 'SMTP_TLS', 'SMTP_PASSWORD']);
  });

  it('reads STARTTLS, certificate verification and a CA file for the mail server', () => {
    expect(
      loadConfig(
        {
          SMTP_HOST: 'mail.example.fi',
          SMTP_PORT: '587',
          SMTP_STARTTLS: 'required',
          SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
          SMTP_TLS_CA_FILE: 'certs/mail-ca.pem',
        },
        '/srv/bridge',
      ).smtp,
    ).toMatchObject({
      port: 587,
      starttls: 'required',
      rejectUnauthorized: false,
      caFile: '/srv/bridge/certs/mail-ca.pem',
    });
    const error = parseProblems({ SMTP_HOST: 'mail', SMTP_STARTTLS: 'yes', SMTP_TLS_REJECT_UNAUTHORIZED: 'no' });
    expect(error.problems).toEqual([
      { variable: 'SMTP_STARTTLS', rule: 'auto, required or never', message: "'yes' is unknown" },
      { variable: 'SMTP_TLS_REJECT_UNAUTHORIZED', rule: 'true or false', message: "'no' is neither true nor false" },
    ]);
  });

  it('never repeats the value of a secret variable in its message', () => {
    const error = parseProblems({ DATABASE_URL: 'mysql://user:hunter2@db', BRIDGE_ADMIN_TOKEN: 'hunter2' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['DATABASE_URL', 'BRIDGE_ADMIN_TOKEN']);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('docs/configuration.md', () => {
  it('shows the table renderConfigTable() produces', () => {
    const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    // Compared cell by cell: the formatter pads markdown tables. If this fails, paste renderConfigTable()'s output.
    const cells = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^-+$/, '---')));
    expect(cells(docs)).toEqual(cells(renderConfigTable()));
  });
});
