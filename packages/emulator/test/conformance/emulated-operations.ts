// Lists the operations the emulator serves under /api, by registering its routes on a bare Fastify instance that
// records them with an onRoute hook: the same registerRoutes startEmulator calls, with no hook in production code.
import Fastify from 'fastify';
import type { EmulatorContext } from '../../src/emulator-context';
import { registerRoutes } from '../../src/routes';

export interface EmulatedRoute {
  method: string;
  /** Fastify's URL, e.g. /api/invoices/:invoiceId/approve */
  url: string;
}

/** Every /api route as METHOD + URL; HEAD routes Fastify adds to each GET are left out. */
export async function listEmulatedApiRoutes(context: EmulatorContext): Promise<EmulatedRoute[]> {
  const app = Fastify({ logger: false });
  const routes: EmulatedRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && route.url.startsWith('/api/')) routes.push({ method, url: route.url });
    }
  });
  registerRoutes(app, context);
  await app.ready();
  await app.close();
  return routes;
}
