// HTTP surface of webhook endpoints: create (secret shown once), list, read, change, delete, rotate the secret.
import { Type } from 'typebox';
import { ValidationFailedError } from '../errors/bridge-error';
import { EventTypeSchema } from '../events/event-types';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import {
  assertConnectionExists,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  webhookEndpointToApi,
} from './webhook-endpoint-repository';
import { encryptEndpointSecret, generateEndpointSecret } from './webhook-endpoint-secret';

export interface WebhookEndpointRouteDeps {
  db: Database;
  /** BRIDGE_SECRET_KEY, for the endpoint secrets. */
  secretKey: Buffer;
}

const ConnectionParams = Type.Object({ connectionId: Type.String() });
const EndpointParams = Type.Object({ connectionId: Type.String(), endpointId: Type.String() });

const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'Where events are POSTed; http or https.' });
const EventTypes = Type.Array(EventTypeSchema, {
  uniqueItems: true,
  description: 'Event types sent to this endpoint; empty or absent = all.',
});
const Active = Type.Boolean({ description: 'A disabled endpoint gets no new deliveries.' });

const EndpointResponse = Type.Object({
  id: Type.String(),
  connectionId: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  active: Type.Boolean(),
  secret: Type.String({
    description: 'Full `whsec_…` only in the create and rotate-secret answers; masked elsewhere.',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const TAGS = ['webhooks'];

/** A URL the delivery worker can POST to; anything else would only fail 15 times later. */
function assertHttpUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ValidationFailedError(
      [{ path: 'url', rule: 'http_url', message: `'${url}' is not an http:// or https:// URL` }],
      'The webhook endpoint',
    );
  }
}

export function webhookEndpointRoutes(deps: WebhookEndpointRouteDeps): RouteModule {
  const { db, secretKey } = deps;
  return (app) => {
    const base = '/v1/connections/:connectionId/webhook-endpoints';

    app.post(
      base,
      {
        schema: {
          tags: TAGS,
          summary: 'Add a webhook endpoint; its signing secret is shown in this answer only',
          params: ConnectionParams,
          body: Type.Object(
            { url: Url, eventTypes: Type.Optional(EventTypes), active: Type.Optional(Active) },
            { additionalProperties: false },
          ),
          response: { 201: EndpointResponse },
        },
      },
      async (request, reply) => {
        const { connectionId } = request.params;
        assertHttpUrl(request.body.url);
        await assertConnectionExists(db, connectionId);
        const { row, secret } = await createWebhookEndpoint(db, secretKey, {
          connectionId,
          url: request.body.url,
          eventTypes: request.body.eventTypes ?? [],
          active: request.body.active ?? true,
        });
        return reply.status(201).send(webhookEndpointToApi(row, secretKey, secret));
      },
    );

    app.get(
      base,
      {
        schema: {
          tags: TAGS,
          summary: "List the connection's webhook endpoints",
          params: ConnectionParams,
          response: { 200: Type.Object({ endpoints: Type.Array(EndpointResponse) }) },
        },
      },
      async (request) => {
        const rows = await listWebhookEndpoints(db, request.params.connectionId);
        return { endpoints: rows.map((row) => webhookEndpointToApi(row, secretKey)) };
      },
    );

    app.get(
      `${base}/:endpointId`,
      {
        schema: {
          tags: TAGS,
          summary: 'Read a webhook endpoint',
          params: EndpointParams,
          response: { 200: EndpointResponse },
        },
      },
      async (request) => {
        const { connectionId, endpointId } = request.params;
        return webhookEndpointToApi(await getWebhookEndpoint(db, connectionId, endpointId), secretKey);
      },
    );

    app.patch(
      `${base}/:endpointId`,
      {
        schema: {
          tags: TAGS,
          summary: 'Change the URL, event types or active flag of a webhook endpoint',
          params: EndpointParams,
          body: Type.Object(
            { url: Type.Optional(Url), eventTypes: Type.Optional(EventTypes), active: Type.Optional(Active) },
            { additionalProperties: false },
          ),
          response: { 200: EndpointResponse },
        },
      },
      async (request) => {
        const { connectionId, endpointId } = request.params;
        if (request.body.url !== undefined) assertHttpUrl(request.body.url);
        const row = await updateWebhookEndpoint(db, connectionId, endpointId, request.body);
        return webhookEndpointToApi(row, secretKey);
      },
    );

    app.delete(
      `${base}/:endpointId`,
      { schema: { tags: TAGS, summary: 'Delete a webhook endpoint and its delivery log', params: EndpointParams } },
      async (request, reply) => {
        const { connectionId, endpointId } = request.params;
        await deleteWebhookEndpoint(db, connectionId, endpointId);
        return reply.status(204).send();
      },
    );

    app.post(
      `${base}/:endpointId/rotate-secret`,
      {
        schema: {
          tags: TAGS,
          summary: 'Replace the signing secret; the new one is shown in this answer only and signs from now on',
          params: EndpointParams,
          response: { 200: EndpointResponse },
        },
      },
      async (request) => {
        const { connectionId, endpointId } = request.params;
        await getWebhookEndpoint(db, connectionId, endpointId);
        const secret = generateEndpointSecret();
        const row = await updateWebhookEndpoint(db, connectionId, endpointId, {
          secretEncrypted: encryptEndpointSecret(secret, secretKey, endpointId),
        });
        return webhookEndpointToApi(row, secretKey, secret);
      },
    );
  };
}
