// Applies injected faults to /api requests: error answers, a held request, or a stored effect with a dropped answer.
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { isApiPath } from '../request-log/install-request-log';
import type { FaultRule } from './fault-rules';

/** What a proxy in front of Procountor answers when the backend fails (FACTS.md: some 500s are an HTML page). */
const PROXY_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>
`;

function answerWithError(reply: FastifyReply, fault: FaultRule): FastifyReply {
  switch (fault.kind) {
    case '500-html':
      return reply.code(500).type('text/html; charset=utf-8').send(PROXY_ERROR_PAGE);
    case '503':
      return reply
        .code(503)
        .header('retry-after', String(fault.retryAfterSeconds))
        .send({ errors: [{ status: 503, message: 'Service Unavailable' }] });
    case '429':
      return reply
        .code(429)
        .header('retry-after', String(fault.retryAfterSeconds))
        .send({ errors: [{ status: 429, message: 'Too Many Requests' }] });
    default:
      return reply.code(500).send({ errors: [{ status: 500, message: 'Internal server error' }] });
  }
}

export function installFaultHooks(app: FastifyInstance, context: EmulatorContext): void {
  // Sockets held by timeout faults: closing the emulator must not wait for their cap.
  const heldSockets = new Set<Socket>();

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const [path] = request.url.split('?', 1) as [string];
    const fault = context.faults.take(request.method, path);
    if (!fault) return;
    request.emulatorFaultKind = fault.kind;
    if (fault.kind === 'commit-then-drop') return; // acted on in onSend, once the handler has stored its effect
    if (fault.kind === 'timeout') {
      // Hold the request unanswered until the client gives up or the cap passes, then cut the connection.
      reply.hijack();
      const socket = request.raw.socket;
      heldSockets.add(socket);
      const timer = setTimeout(() => socket.destroy(), fault.holdMs);
      socket.once('close', () => {
        clearTimeout(timer);
        heldSockets.delete(socket);
      });
      return;
    }
    return answerWithError(reply, fault);
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.emulatorFaultKind === 'commit-then-drop') {
      // The handler has run and its effect is in the state; the client only sees the connection drop.
      context.markChanged();
      request.raw.socket.destroy();
    }
    return payload;
  });

  app.addHook('preClose', async () => {
    for (const socket of heldSockets) socket.destroy();
  });
}
