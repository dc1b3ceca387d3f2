// POST /v1/connections/{connectionId}/activate, /disable and /enable: the connection's lifecycle (admin only).
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import { ConnectionIdParams, ConnectionResponse, toConnectionResponse } from './connection-schemas';
import type { ConnectionAdministration } from './connection-service';

const OPERATIONS = [
  {
    action: 'activate',
    summary: 'Check the credentials and activate',
    description:
      'Reads the company details and bank accounts from Procountor and stores the company name, business ID and default IBAN. A refusal answers 422 with the reason and leaves the status as it was.',
  },
  {
    action: 'disable',
    summary: 'Disable a connection',
    description:
      'A disabled connection accepts no documents and sends nothing to Procountor (409 connection_not_active).',
  },
  {
    action: 'enable',
    summary: 'Enable a disabled connection',
    description: 'Back to active if it was activated before, otherwise back to draft.',
  },
] as const;

export function connectionStatusRoutes(connections: ConnectionAdministration): RouteModule {
  return (app) => {
    for (const operation of OPERATIONS) {
      app.post(
        `/v1/connections/:connectionId/${operation.action}`,
        {
          config: { admin: true } satisfies BridgeRouteConfig,
          schema: {
            tags: ['connections'],
            summary: operation.summary,
            description: operation.description,
            params: ConnectionIdParams,
            response: { 200: ConnectionResponse },
          },
        },
        async (request) => {
          return toConnectionResponse(await connections[operation.action](request.params.connectionId));
        },
      );
    }
  };
}
