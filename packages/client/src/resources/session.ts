// Who the token belongs to (GET /sessioninfo) and whether the API is healthy (GET /status).
import type { ProcountorSessionInfo, ProcountorStatus } from '../contract-types';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class Session extends ProcountorResource {
  /** The company of the API key: id, name, country. A cheap way to check a connection's credentials. */
  info(options?: CallOptions): Promise<ProcountorSessionInfo> {
    return this.client.request('get', '/sessioninfo', { ...options });
  }

  /** API health: status OK, DEGRADED or FAILING. */
  status(options?: CallOptions): Promise<ProcountorStatus> {
    return this.client.request('get', '/status', { ...options });
  }
}
