// POST /v1/connections and GET /v1/connections: create a draft connection and list them (admin only).
import { Type } from 'typebox';
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import { ConnectionResponse, CreateConnectionBody, toConnectionResponse } from './connection-schemas';
import type { ConnectionAdministration } from './connection-service';

export function connectionsRoutes(connections: ConnectionAdministration): RouteModule {
  return (app) => {
    app.post(
      '/v1/connections',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['connections'],
          summary: 'Create a connection',
          description:
            'Stores a draft connection to one Procountor company with its credentials (encrypted). Activate it to check the credentials.',
          body: CreateConnectionBody,
          response: { 201: ConnectionResponse },
        },
      },
      async (request, reply) => {
        const created = await connections.create(request.body);
        return reply.status(201).send(toConnectionResponse(created));
      },
    );

    app.get(
      '/v1/connections',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['connections'],
          summary: 'List connections',
          response: { 200: Type.Object({ connections: Type.Array(ConnectionResponse) }) },
        },
      },
      async () => {
        return { connections: (await connections.list()).map(toConnectionResponse) };
      },
    );
  };
}
