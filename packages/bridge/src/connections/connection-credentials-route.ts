// PUT /v1/connections/{connectionId}/credentials: replace the API key (or other credentials) without stopping transfers.
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import {
  ConnectionIdParams,
  ConnectionResponse,
  ReplaceCredentialsBody,
  toConnectionResponse,
} from './connection-schemas';
import type { ConnectionAdministration } from './connection-service';

export function connectionCredentialsRoute(connections: ConnectionAdministration): RouteModule {
  return (app) => {
    app.put(
      '/v1/connections/:connectionId/credentials',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['connections'],
          summary: 'Replace the credentials',
          description:
            'For an expired or compromised key. On an active connection the new credentials are checked first; if Procountor refuses them nothing changes and transfers go on with the old ones.',
          params: ConnectionIdParams,
          body: ReplaceCredentialsBody,
          response: { 200: ConnectionResponse },
        },
      },
      async (request) => {
        return toConnectionResponse(await connections.replaceCredentials(request.params.connectionId, request.body));
      },
    );
  };
}
