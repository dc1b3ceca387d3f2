// GET /: the admin console (packages/console/dist) with a single-page fallback, or a plain page when it is not built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from './bridge-app';

/** packages/bridge: the first folder with a package.json above this module (src/server/ from the sources, dist/ built). */
function bridgePackageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Where `vite build` of packages/console writes (npm start and the browser tests build it when missing or stale). */
export function consoleDistDir(): string {
  return path.join(bridgePackageDir(), '..', 'console', 'dist');
}

/** Paths the bridge itself answers: an unknown one there is a JSON 404, never the console's page. */
const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/metrics', '/healthz'];

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>procountor-bridge</title></head>
<body>
<h1>procountor-bridge</h1>
<p>Integration service between business applications and Procountor.</p>
<p>The admin console is not built: run <code>npm run build:console</code> (npm start does it for you).</p>
<ul>
<li><a href="/docs">API reference</a> (<a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/healthz">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
</body>
</html>
`;

export function homePageRoute(consoleDir = consoleDistDir()): RouteModule {
  return async (app) => {
    if (!existsSync(`${consoleDir}/index.html`)) {
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
      );
      return;
    }
    // Built assets carry a content hash in their names: cached for a year. index.html is never cached, so a new
    // build is picked up at the next load.
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/',
      wildcard: false,
      index: false,
      maxAge: '365d',
      immutable: true,
      schemaHide: true,
    });
    const sendConsole = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    app.get('/', { schema: { hide: true } }, async (_request, reply) => sendConsole(reply));
    // The console routes in the browser (/transfers/…): every other GET outside the API gets its page.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0]!;
      // The bridge's own 404 (route_not_found) for its paths and for files that are not there.
      if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || /\.[a-z0-9]+$/i.test(path))
        return reply.callNotFound();
      return sendConsole(reply);
    });
  };
}
