// As Trackifi's integration does: "Trackifi will automatically import your business partners and products from
// Procountor" on activation.
import type { ConnectionRecord } from '../connections/connection-record';
import type { JobQueue } from '../jobs/create-job-queue';
import type { Database } from '../storage/schema';
import { REGISTERS } from './register-kinds';
import { requestSyncRun } from './sync-runs';

/** With syncRegistersOnActivation, an activation queues a full import of every register (or joins one under way). */
export async function requestSyncOnActivation(
  db: Database,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  connection: ConnectionRecord,
): Promise<string | null> {
  if (!connection.settings.syncRegistersOnActivation) return null;
  const { run } = await requestSyncRun(db, jobs, {
    connectionId: connection.id,
    mode: 'full',
    trigger: 'on_demand',
    registers: REGISTERS,
  });
  return run.id;
}
