// Webhook receivers as the README shows them, in Fastify and in Express: each verifies the raw body with
// verifyWebhook, records what it accepted or refused, and answers 204 or 400.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { type BridgeWebhookEvent, verifyWebhook, WebhookVerificationError } from '../src/index';

export interface ReceivedWebhook {
  event: BridgeWebhookEvent;
  rawBody: string;
  headers: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  /** The endpoint's signing secret; set once the endpoint exists, replaced when it is rotated. */
  secret: string;
  accepted: ReceivedWebhook[];
  /** The verification failures, by reason. */
  refused: string[];
  close(): Promise<void>;
}

function plainHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );
}

export async function startFastifyReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', secret: '', accepted: [], refused: [], close: async () => {} };
  const app = Fastify();
  // The raw bytes, not parsed JSON: the signature is over the body exactly as sent.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/bridge-hooks', async (request, reply) => {
    try {
      const event = verifyWebhook(request.body as Buffer, request.headers, receiver.secret);
      receiver.accepted.push({
        event,
        rawBody: (request.body as Buffer).toString('utf8'),
        headers: plainHeaders(request.headers),
      });
      return reply.code(204).send();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      receiver.refused.push(error.reason);
      return reply.code(400).send({ error: error.reason });
    }
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  receiver.url = `${address}/bridge-hooks`;
  receiver.close = () => app.close();
  return receiver;
}

export async function startExpressReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', secret: '', accepted: [], refused: [], close: async () => {} };
  const app = express();
  app.post('/bridge-hooks', express.raw({ type: 'application/json' }), (request, response) => {
    try {
      const event = verifyWebhook(request.body, request.headers, receiver.secret);
      receiver.accepted.push({ event, rawBody: request.body.toString('utf8'), headers: plainHeaders(request.headers) });
      response.sendStatus(204);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      receiver.refused.push(error.reason);
      response.status(400).json({ error: error.reason });
    }
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bridge-hooks`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
