// The generic typed client of every bridge operation (openapi-fetch over the generated paths), and what a resource holds.
import type { Client } from 'openapi-fetch';
import type { paths } from '../generated/bridge-api';

/** openapi-fetch's client of the bridge's API: `api.GET('/v1/connections/{connectionId}', { params: … })`. */
export type BridgeApi = Client<paths>;

/** What each resource class is made with: the API and the connection it works on. */
export interface ResourceContext {
  api: BridgeApi;
  /** The connection id (con_…); throws when the client was made without one. */
  connectionId(): string;
}
