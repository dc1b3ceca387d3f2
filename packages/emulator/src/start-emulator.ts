// Starts the emulator on a port: what tests, the demo mode and `procountor-emulator` call.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { installBearerAuth } from './auth/bearer-auth';
import type { EmulatorContext, EmulatorSettings } from './emulator-context';
import { FaultRules } from './faults/fault-rules';
import { installFaultHooks } from './faults/install-fault-hooks';
import { installGatewayHooks } from './gateway/install-gateway-hooks';
import { rewriteVersionedBase } from './gateway/versioned-base';
import { installIgnoredPropertyFilter } from './http/drop-ignored-properties';
import { installProcountorErrorHandler } from './http/procountor-error';
import { installRequestLog } from './request-log/install-request-log';
import { DEFAULT_REQUEST_LOG_SIZE, RequestLog } from './request-log/request-log';
import { registerRoutes } from './routes';
import { createEmptyState, type EmulatorState } from './state/emulator-state';
import { loadStateFile, saveStateFile } from './state/state-snapshot';

/** Procountor's attachment limit (contract, FACTS.md): 10,000,000 bytes, plus room for the multipart envelope. */
const MAX_BODY_BYTES = 12_000_000;

export interface StartEmulatorOptions {
  /** 0 picks a free port (tests). Default 4010. */
  port?: number;
  host?: string;
  /** Load and save the state as JSON at this path. */
  statePath?: string;
  /** Start with this state instead of an empty one. */
  state?: EmulatorState;
  /** rateLimitPerSecond and latencyMs; both off (null) by default, changeable at run time via PUT /_emulator/settings. */
  settings?: Partial<EmulatorSettings>;
  /** How many /api requests the request log keeps. Default 5,000. */
  requestLogSize?: number;
  /** Replaceable clock (ms since epoch). */
  now?: () => number;
}

export interface RunningEmulator {
  /** http://host:port */
  url: string;
  /** http://host:port/api: what a Procountor client takes as its base URL. */
  baseUrl: string;
  context: EmulatorContext;
  app: FastifyInstance;
  stop: () => Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const state =
    options.state ?? (options.statePath ? loadStateFile(options.statePath) : undefined) ?? createEmptyState();
  let changed = false;
  const context: EmulatorContext = {
    state,
    settings: { rateLimitPerSecond: null, latencyMs: null, ...options.settings },
    now,
    today: () => new Date(now()).toISOString().slice(0, 10),
    markChanged: () => {
      changed = true;
    },
    faults: new FaultRules(),
    requestLog: new RequestLog(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE),
  };

  // Batch GETs take up to 200 comma-separated ids in one path segment (FACTS.md "Batch GET"); Fastify's default is 100 chars.
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 4096 },
    rewriteUrl: rewriteVersionedBase,
  });
  await app.register(formbody);
  // Two file parts: POST /attachments' `file` and its `meta`, which clients often send as an application/json blob.
  await app.register(multipart, { limits: { fileSize: MAX_BODY_BYTES, files: 2 } });
  installProcountorErrorHandler(app);
  // Hook order matters: the log sees every request, the bearer check runs before the rate limit (which needs the
  // token's client), and faults come after the gateway's own refusals and latency.
  installRequestLog(app, context);
  // After the log has kept the body as sent: unknown and null properties are dropped before any handler sees it.
  installIgnoredPropertyFilter(app);
  installBearerAuth(app, context);
  installGatewayHooks(app, context);
  installFaultHooks(app, context);
  registerRoutes(app, context);

  // With --state, every mutating request marks the state and it is written once the response is over; 'close'
  // also fires when a commit-then-drop fault cuts the connection after the effect was stored.
  if (options.statePath) {
    const statePath = options.statePath;
    app.addHook('onRequest', async (request, reply) => {
      reply.raw.once('close', () => {
        if (request.method !== 'GET') changed = true;
        if (changed) {
          changed = false;
          saveStateFile(statePath, state);
        }
      });
    });
  }

  const address = await app.listen({ port: options.port ?? 4010, host: options.host ?? '127.0.0.1' });
  const url = address.replace('[::1]', 'localhost');
  return {
    url,
    baseUrl: `${url}/api`,
    context,
    app,
    stop: async () => {
      await app.close();
      if (options.statePath) saveStateFile(options.statePath, state);
    },
  };
}
