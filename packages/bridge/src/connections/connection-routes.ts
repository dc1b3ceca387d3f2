// GET, PATCH and DELETE /v1/connections/{connectionId}: read (also with the connection's own token), change, delete.
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import {
  ConnectionIdParams,
  ConnectionResponse,
  toConnectionResponse,
  UpdateConnectionBody,
} from './connection-schemas';
import type { ConnectionAdministration } from './connection-service';

export function connectionRoutes(connections: ConnectionAdministration): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId',
      {
        schema: {
          tags: ['connections'],
          summary: 'Read a connection',
          description: 'An admin token reads any connection; a connection token only its own.',
          params: ConnectionIdParams,
          response: { 200: ConnectionResponse },
        },
      },
      async (request) => {
        return toConnectionResponse(await connections.get(request.params.connectionId));
      },
    );

    app.patch(
      '/v1/connections/:connectionId',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['connections'],
          summary: 'Rename a connection or change its settings',
          description: 'Settings are validated together; every problem is listed in the 400 answer.',
          params: ConnectionIdParams,
          body: UpdateConnectionBody,
          response: { 200: ConnectionResponse },
        },
      },
      async (request) => {
        return toConnectionResponse(await connections.update(request.params.connectionId, request.body));
      },
    );

    app.delete(
      '/v1/connections/:connectionId',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['connections'],
          summary: 'Delete a connection',
          description:
            'Deletes the connection with its tokens, transfers and events in the bridge. Nothing is deleted in Procountor.',
          params: ConnectionIdParams,
        },
      },
      async (request, reply) => {
        await connections.delete(request.params.connectionId);
        return reply.status(204).send();
      },
    );
  };
}
