// A small Procountor stand-in on 127.0.0.1, port 0, for the client's integration tests: issues tokens, records every
// request, and answers API calls with per-test handlers.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProcountorClient, type ProcountorClientOptions, TokenCache } from '../src';

export interface RecordedRequest {
  method: string;
  /** Path below /api, e.g. "/invoices/12". */
  path: string;
  /** The raw query string without "?". */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw header lines, to see bytes as sent (e.g. ISO-8859-1 header values). */
  rawHeaders: string[];
  body: Buffer;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface FakeProcountor {
  baseUrl: string;
  /** Every request, token requests included, in arrival order. */
  requests: RecordedRequest[];
  apiRequests(): RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  /** Answers `METHOD /path` (path below /api) with `handler`; unrouted API calls answer 404. */
  route(method: string, path: string, handler: Handler): void;
  /** Makes every token issued so far invalid, as when Procountor revokes or expires them. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = {
  clientId: 'test-client',
  clientSecret: 'secret-client-secret-1234',
  apiKey: 'secret-api-key-5678',
} as const;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export interface FakeProcountorOptions {
  tokenLifetimeSeconds?: number;
  /** false: answer every request with Connection: close, so the client keeps no idle socket. Default true. */
  keepAlive?: boolean;
}

export async function startFakeProcountor(options: FakeProcountorOptions = {}): Promise<FakeProcountor> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Handler>();
  const validTokens = new Set<string>();
  let tokensIssued = 0;

  const server = createServer((req, res) => {
    if (options.keepAlive === false) res.setHeader('connection', 'close');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/api/, ''),
        rawQuery: url.search.replace(/^\?/, ''),
        query: url.searchParams,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      if (recorded.method === 'POST' && recorded.path === '/oauth/token') {
        const token = `token-${++tokensIssued}`;
        validTokens.add(token);
        sendJson(res, 200, {
          access_token: token,
          token_type: 'bearer',
          expires_in: options.tokenLifetimeSeconds ?? 3600,
        });
        return;
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer === undefined || !validTokens.has(bearer)) {
        sendJson(res, 401, { errors: [{ status: 401, message: 'Unauthorized' }] });
        return;
      }
      const handler = routes.get(`${recorded.method} ${recorded.path}`);
      if (handler === undefined) {
        sendJson(res, 404, { errors: [{ status: 404, message: `no route ${recorded.method} ${recorded.path}` }] });
        return;
      }
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { errors: [{ status: 500, message: String(error) }] });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    requests,
    apiRequests: () => requests.filter((r) => r.path !== '/oauth/token'),
    tokenRequests: () => requests.filter((r) => r.path === '/oauth/token'),
    route: (method, path, handler) => routes.set(`${method.toUpperCase()} ${path}`, handler),
    revokeTokens: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client of the fake server with its own token cache and near-zero backoff, so retries run fast. */
export function createTestClient(
  fake: FakeProcountor,
  options: Partial<ProcountorClientOptions> = {},
): ProcountorClient {
  return new ProcountorClient({
    baseUrl: fake.baseUrl,
    ...TEST_CREDENTIALS,
    tokenCache: new TokenCache(),
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    timeoutMs: 5_000,
    ...options,
  });
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps its lines, to assert what the client logged (and that no secret appears). */
export function createMemoryLogger() {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, fields, message });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}
