// Tests that the root logger writes JSON lines with every secret field redacted, at any usual depth.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTION_CENSOR } from './create-logger';

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  return { logger, read: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('redacts credentials at the top level and nested in objects and headers', () => {
    const { logger, read } = captureLogger();
    logger.info(
      {
        connectionId: 'c-1',
        clientSecret: 'top-secret-1',
        api_key: 'top-secret-2',
        connection: { apiKey: 'top-secret-3', client_secret: 'top-secret-4', name: 'Acme' },
        tokenResponse: { access_token: 'top-secret-5', expires_in: 3600 },
        req: { headers: { authorization: 'Bearer top-secret-6', 'content-type': 'application/json' } },
        config: {
          procountor: { clientSecret: 'top-secret-7' },
          secretKey: 'top-secret-8',
          databaseUrl: 'postgres://u:top-secret-9@db',
        },
        password: 'top-secret-10',
        token: 'top-secret-11',
        secret: 'top-secret-12',
      },
      'connection checked',
    );
    const [line] = read();
    expect(JSON.stringify(line)).not.toContain('top-secret');
    expect(line).toMatchObject({
      msg: 'connection checked',
      level: 30,
      service: 'procountor-bridge',
      connectionId: 'c-1',
      clientSecret: REDACTION_CENSOR,
      connection: { apiKey: REDACTION_CENSOR, name: 'Acme' },
      tokenResponse: { access_token: REDACTION_CENSOR, expires_in: 3600 },
      req: { headers: { authorization: REDACTION_CENSOR, 'content-type': 'application/json' } },
    });
  });

  it('redacts in child loggers, whose bindings are logged too', () => {
    const { logger, read } = captureLogger();
    logger.child({ connectionId: 'c-2' }).warn({ apiKey: 'child-secret' }, 'rate limited');
    expect(read()[0]).toMatchObject({ connectionId: 'c-2', apiKey: REDACTION_CENSOR, level: 40 });
  });

  it('drops lines below the configured level', () => {
    const { logger, read } = captureLogger();
    logger.debug('per-call detail');
    expect(read()).toEqual([]);
  });
});
