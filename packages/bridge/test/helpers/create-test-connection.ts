// Test builders for the events and webhook suites: a connection row, a job queue, and an app with stub tokens.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createJobQueue, type JobQueue } from '../../src/jobs/create-job-queue';
import type { BridgeApp, RouteModule } from '../../src/server/bridge-app';
import { buildServer } from '../../src/server/build-server';
import type { Database } from '../../src/storage/schema';

/** Inserts a connection directly (the connection service is another domain's); settings as given. */
export async function createTestConnection(
  db: Database,
  settings: Record<string, unknown> = {},
): Promise<{ connectionId: string }> {
  const connectionId = `con_${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('connections')
    .values({
      id: connectionId,
      name: `Test ${connectionId}`,
      status: 'active',
      environment: 'test',
      base_url: 'http://127.0.0.1:1',
      client_id: 'TestClient',
      client_secret_encrypted: 'v1:x:x:x',
      api_key_encrypted: 'v1:x:x:x',
      settings: JSON.stringify(settings),
    })
    .execute();
  return { connectionId };
}

export async function startTestJobQueue(db: Database): Promise<JobQueue> {
  const jobs = createJobQueue(
    db,
    { workerConcurrency: 2 },
    { logger: pino({ level: 'silent' }), pollingIntervalSeconds: 0.5, runMaintenance: false },
  );
  await jobs.start();
  return jobs;
}

/**
 * An app on port 0 where token `admin` is an admin and `token-<connectionId>` belongs to that connection.
 */
export async function startTestApp(routes: RouteModule[]): Promise<{ app: BridgeApp; url: string }> {
  const app = await buildServer({
    logger: pino({ level: 'silent' }),
    authenticate: async (token) => {
      if (token === 'admin') return { kind: 'admin', tokenId: 'tok_admin' };
      if (token.startsWith('token-')) return { kind: 'connection', tokenId: token, connectionId: token.slice(6) };
      return undefined;
    },
    routes,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

/** fetch against the test app with a token; JSON in and out. */
export function callAs(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
