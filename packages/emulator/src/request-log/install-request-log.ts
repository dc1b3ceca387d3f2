// Hooks that write every /api request with its answer to the request log, secrets masked.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { maskAuthorization, maskedJson, maskJsonText, maskSecrets } from './mask-secrets';

/** Bodies larger than this are summarised, not kept: 5,000 entries of 10 MB attachments would exhaust memory. */
const MAX_KEPT_BODY_CHARS = 256 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the fault injector when a fault hits this request. */
    emulatorFaultKind?: string;
    emulatorLogPayload?: { contentType: string | null; body: unknown };
    /** The request body as the client sent it, kept before handlers (or the unknown-property filter) change it. */
    emulatorLogRequestBody?: { requestBody: unknown } | { requestJson: string };
  }
}

/** Faults after which the client receives no response at all. */
const DROPPING_FAULTS = new Set(['timeout', 'commit-then-drop']);

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function describePayload(payload: unknown, contentType: string | null): unknown {
  if (payload === null || payload === undefined || payload === '') return null;
  if (typeof payload === 'string') {
    if (payload.length > MAX_KEPT_BODY_CHARS) return `[${payload.length} characters not kept]`;
    if (contentType?.includes('json')) return { json: maskJsonText(payload) };
    return payload;
  }
  if (Buffer.isBuffer(payload)) {
    return contentType?.startsWith('text/') && payload.length <= MAX_KEPT_BODY_CHARS
      ? payload.toString('utf8')
      : `[${payload.length} bytes of ${contentType ?? 'unknown type'}]`;
  }
  return `[streamed ${contentType ?? 'body'}]`;
}

function isJsonText(body: unknown): body is { json: string } {
  return typeof body === 'object' && body !== null && typeof (body as { json?: unknown }).json === 'string';
}

function describeRequestBody(body: unknown): { requestBody: unknown } | { requestJson: string } {
  if (body === undefined || body === null) return { requestBody: null };
  if (Buffer.isBuffer(body)) return { requestBody: `[${body.length} bytes]` };
  if (typeof body === 'string')
    return { requestBody: body.length > MAX_KEPT_BODY_CHARS ? `[${body.length} characters not kept]` : body };
  return { requestJson: maskedJson(body) };
}

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers.authorization) headers.authorization = maskAuthorization(headers.authorization);
  return headers;
}

function clientOf(request: FastifyRequest): string | null {
  if (request.procountorToken) return request.procountorToken.clientId;
  // The token request names its client in the form (POST /api/oauth/token).
  const form = request.body as Record<string, unknown> | undefined;
  return typeof form?.client_id === 'string' ? form.client_id : null;
}

function writeEntry(context: EmulatorContext, request: FastifyRequest, reply: FastifyReply, startedMs: number): void {
  const [path, queryText = ''] = request.url.split('?', 2) as [string, string?];
  const [originalPath] = request.originalUrl.split('?', 1) as [string];
  const logged = request.emulatorLogPayload;
  context.requestLog.add({
    time: new Date(context.now()).toISOString(),
    method: request.method,
    path,
    ...(originalPath !== path ? { originalPath } : {}),
    query: maskSecrets(Object.fromEntries(new URLSearchParams(queryText))) as Record<string, unknown>,
    // A response cut off by a fault never reached the client: it saw no status.
    status:
      reply.raw.writableFinished && !DROPPING_FAULTS.has(request.emulatorFaultKind ?? '') ? reply.statusCode : null,
    durationMs: Date.now() - startedMs,
    clientId: clientOf(request),
    companyId: request.procountorToken?.companyId ?? null,
    headers: headersOf(request),
    ...(request.emulatorLogRequestBody ?? describeRequestBody(request.body)),
    responseContentType: logged?.contentType ?? null,
    ...(isJsonText(logged?.body) ? { responseJson: logged.body.json } : { responseBody: logged?.body ?? null }),
    ...(request.emulatorFaultKind ? { fault: request.emulatorFaultKind } : {}),
  });
}

export function installRequestLog(app: FastifyInstance, context: EmulatorContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const startedMs = Date.now();
    // 'close' fires both after a full answer and when a fault drops the connection, so both are logged.
    reply.raw.once('close', () => writeEntry(context, request, reply, startedMs));
  });
  // Runs first among the preValidation hooks (installed first), once the body is parsed and before anything changes it.
  app.addHook('preValidation', async (request) => {
    if (isApiPath(request.url)) request.emulatorLogRequestBody = describeRequestBody(request.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isApiPath(request.url)) return payload;
    const header = reply.getHeader('content-type');
    const contentType = typeof header === 'string' ? header : null;
    request.emulatorLogPayload = { contentType, body: describePayload(payload, contentType) };
    return payload;
  });
}
