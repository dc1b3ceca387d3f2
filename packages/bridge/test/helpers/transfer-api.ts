// The bridge's HTTP server with the transfer routes on port 0, and a small fetch client with tokens per connection.
import pino from 'pino';
import { registerCreditInvoiceRoutes } from '../../src/credit-invoices/credit-invoice-routes';
import { registerSalesInvoiceRoutes } from '../../src/sales-invoices/sales-invoice-routes';
import type { BridgeApp } from '../../src/server/bridge-app';
import { buildServer } from '../../src/server/build-server';
import type { TransferDeps } from '../../src/transfers/transfer-deps';
import { registerTransferRoutes } from '../../src/transfers/transfer-routes';

export interface TransferApi {
  app: BridgeApp;
  url: string;
  /** A token that sees only this connection: `connection:<id>`; `admin` sees all. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes; the assertions check them.
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTransferApi(deps: TransferDeps): Promise<TransferApi> {
  const app = await buildServer({
    logger: pino({ level: 'silent' }),
    authenticate: async (token) =>
      token === 'admin'
        ? { kind: 'admin', tokenId: 'admin' }
        : token.startsWith('connection:')
          ? { kind: 'connection', tokenId: token, connectionId: token.slice('connection:'.length) }
          : undefined,
    routes: [
      (server) => registerSalesInvoiceRoutes(server, deps),
      (server) => registerCreditInvoiceRoutes(server, deps),
      (server) => registerTransferRoutes(server, deps),
    ],
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    async call(method, path, options = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token ?? 'admin'}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}
