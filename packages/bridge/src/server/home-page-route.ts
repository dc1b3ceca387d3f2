// GET /: a minimal page naming the service and linking to the API reference (the console arrives in issue #7).
import type { RouteModule } from './build-server';

const HOME_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>procountor-bridge</title></head>
<body>
<h1>procountor-bridge</h1>
<p>Integration service between business applications and Procountor.</p>
<ul>
<li><a href="/docs">API reference</a> (<a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/healthz">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
</body>
</html>
`;

export function homePageRoute(): RouteModule {
  return (app) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(HOME_PAGE),
    );
  };
}
