// GET / and the console's browser paths: the built console with a single-page fallback, the API's own paths kept,
// and the plain page when the console is not built.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeApp } from './bridge-app';
import { buildServer } from './build-server';
import { healthRoute } from './health-route';
import { homePageRoute } from './home-page-route';

async function serve(consoleDir: string): Promise<{ app: BridgeApp; url: string }> {
  const app = await buildServer({
    logger: pino({ level: 'silent' }),
    authenticate: async (token) => (token === 'admin' ? { kind: 'admin', tokenId: 'admin' } : undefined),
    routes: [
      homePageRoute(consoleDir),
      healthRoute({ selectNoFrom: () => ({ execute: async () => [] }) } as never),
      (server) => {
        server.get('/v1/things', async () => ({ things: [] }));
      },
    ],
  });
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

describe('the console at /', () => {
  let app: BridgeApp;
  let url: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'console-dist-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    ({ app, url } = await serve(dir));
  });
  afterAll(() => app.close());

  it('serves index.html at / and at every browser path, never cached', async () => {
    for (const pathname of ['/', '/transfers', '/connections/con_1/transfers/trf_1?x=1']) {
      const response = await fetch(`${url}${pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache, and a missing file is a JSON 404', async () => {
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${url}/assets/index-gone.js`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('route_not_found');
  });

  it('leaves the API, /docs and /openapi.json to the bridge', async () => {
    expect((await fetch(`${url}/v1/things`, { headers: { authorization: 'Bearer admin' } })).status).toBe(200);
    const unknown = await fetch(`${url}/v1/nothing`, { headers: { authorization: 'Bearer admin' } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe('route_not_found');
    expect((await fetch(`${url}/openapi.json`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${url}/docs/`)).status).toBe(200);
  });

  it('shows a plain page naming the build command when the console is not built', async () => {
    const empty = await serve(await mkdtemp(path.join(tmpdir(), 'no-console-')));
    try {
      const response = await fetch(`${empty.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('npm run build:console');
    } finally {
      await empty.app.close();
    }
  });
});
