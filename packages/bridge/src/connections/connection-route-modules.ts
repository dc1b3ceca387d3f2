// Every HTTP surface of the connections domain, for createBridge's route list.
import type { RouteModule } from '../server/bridge-app';
import { connectionCredentialsRoute } from './connection-credentials-route';
import { connectionReferenceRoutes } from './connection-reference-routes';
import { connectionRoutes } from './connection-routes';
import type { ConnectionAdministration } from './connection-service';
import { connectionStatusRoutes } from './connection-status-routes';
import { connectionsRoutes } from './connections-routes';

export function connectionRouteModules(connections: ConnectionAdministration): RouteModule[] {
  return [
    connectionsRoutes(connections),
    connectionRoutes(connections),
    connectionCredentialsRoute(connections),
    connectionStatusRoutes(connections),
    connectionReferenceRoutes(connections),
  ];
}
