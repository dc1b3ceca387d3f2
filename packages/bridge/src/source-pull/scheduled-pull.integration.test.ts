// The scheduled pull on both databases: a real source on port 0, real workers, an injected submitDocument.
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callAs,
  createTestConnection,
  startTestApp,
  startTestJobQueue,
} from '../../test/helpers/create-test-connection';
import { startTestReceiver, type TestReceiver } from '../../test/helpers/start-test-receiver';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { recordEvent } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeApp } from '../server/bridge-app';
import { pullRunRoutes } from './pull-run-routes';
import { type SubmitDocument, schedulePullRun } from './run-scheduled-pull';
import { startPullWorkers } from './start-pull-workers';

describeOnBothDatabases('scheduled pull', (database) => {
  let jobs: JobQueue;
  let source: TestReceiver;
  let app: BridgeApp;
  let baseUrl: string;
  const submitted: Array<{ connectionId: string; externalId: unknown; documentType?: unknown }> = [];
  // Stands in for the transfer domain's submission service: INV-BAD is invalid, others are accepted.
  const submitDocument: SubmitDocument = async (connectionId, document) => {
    submitted.push({
      connectionId,
      externalId: document.externalId,
      documentType: (document as { documentType?: unknown }).documentType,
    });
    if (document.externalId === 'INV-BAD') {
      return {
        problems: [{ path: 'customer.businessId', rule: 'business_id_check_digit', message: 'wrong check digit' }],
      };
    }
    return { transferId: `tr_${document.externalId}`, state: 'queued' };
  };

  beforeAll(async () => {
    jobs = await startTestJobQueue(database.db);
    source = await startTestReceiver();
    await startPullWorkers(jobs, {
      db: database.db,
      logger: pino({ level: 'silent' }),
      submitDocument,
      sweep: false,
      pollingIntervalSeconds: 0.5,
    });
    ({ app, url: baseUrl } = await startTestApp([pullRunRoutes({ db: database.db })]));
  });
  afterAll(async () => {
    await jobs.stop({ timeoutMs: 2000 });
    await app.close();
    await source.close();
  });

  const pulledConnection = async (path: string, travelStatus?: string) => {
    const { connectionId } = await createTestConnection(database.db, {
      scheduledPull: {
        url: `${source.url}${path}`,
        status: 'waiting_for_transfer',
        authorizationHeader: 'Bearer src-key',
        ...(travelStatus ? { travelStatus } : {}),
      },
    });
    await schedulePullRun(jobs, connectionId);
    return connectionId;
  };
  const runsOf = async (connectionId: string) =>
    (await callAs(baseUrl, `token-${connectionId}`)('GET', `/v1/connections/${connectionId}/scheduled-pull/runs`)).body
      .runs as Array<{ state: string; result: Record<string, unknown> | null }>;
  const statusPosts = (path: string) =>
    source.requests
      .filter((request) => request.method === 'POST' && request.path.startsWith(`${path}/`))
      .map((request) => ({ path: request.path, body: JSON.parse(request.body) }));

  it('fetches documents in the status, submits each and posts their statuses back', async () => {
    source.answer('/invoices', 200, { documents: [{ externalId: 'INV-1' }, { externalId: 'INV-BAD' }] });
    const connectionId = await pulledConnection('/invoices');

    await expect.poll(() => statusPosts('/invoices').length, { timeout: 15_000 }).toBe(2);
    const fetch = source.requests.find((request) => request.method === 'GET' && request.path.startsWith('/invoices'));
    expect(fetch?.path).toBe('/invoices?status=waiting_for_transfer');
    expect(fetch?.headers.authorization).toBe('Bearer src-key');
    expect(submitted.filter((call) => call.connectionId === connectionId).map((call) => call.externalId)).toEqual([
      'INV-1',
      'INV-BAD',
    ]);
    expect(statusPosts('/invoices')).toEqual([
      { path: '/invoices/INV-1/status', body: { state: 'queued', transferId: 'tr_INV-1' } },
      {
        path: '/invoices/INV-BAD/status',
        body: { state: 'rejected', problems: [expect.objectContaining({ path: 'customer.businessId' })] },
      },
    ]);
    await expect
      .poll(async () => (await runsOf(connectionId)).find((run) => run.state === 'completed')?.result?.outcome, {
        timeout: 15_000,
      })
      .toBe('completed');
    // The next run is already booked, ten minutes on.
    expect((await runsOf(connectionId)).some((run) => run.state === 'created')).toBe(true);
  });

  it('fetches the travel reimbursement status too, as travel invoices unless a documentType says otherwise', async () => {
    // The test source answers a path whatever the status: each document comes once per status.
    source.answer('/travel', 200, {
      documents: [{ externalId: 'TR-1' }, { externalId: 'TR-2', documentType: 'expense_claim' }],
    });
    const connectionId = await pulledConnection('/travel', 'travel_waiting');

    await expect.poll(() => statusPosts('/travel').length, { timeout: 15_000 }).toBe(4);
    const fetches = source.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/travel'));
    expect(fetches.map((request) => request.path)).toEqual([
      '/travel?status=waiting_for_transfer',
      '/travel?status=travel_waiting',
    ]);
    expect(
      submitted
        .filter((call) => call.connectionId === connectionId)
        .map((call) => [call.externalId, call.documentType]),
    ).toEqual([
      ['TR-1', undefined],
      ['TR-2', 'expense_claim'],
      ['TR-1', 'travel_invoice'],
      ['TR-2', 'expense_claim'],
    ]);
  });

  it('reports a later transfer outcome to the source when its event is recorded', async () => {
    source.answer('/later', 200, { documents: [] });
    const connectionId = await pulledConnection('/later');
    await database.db.transaction().execute((trx) =>
      recordEvent(trx, jobs, {
        connectionId,
        type: 'transfer.succeeded',
        subjectId: 'tr_INV-7',
        payload: { transferId: 'tr_INV-7', externalId: 'INV-7', procountorInvoiceNumber: 1007, referenceCode: '10076' },
      }),
    );
    await expect
      .poll(() => statusPosts('/later'), { timeout: 15_000 })
      .toEqual([
        {
          path: '/later/INV-7/status',
          body: { state: 'succeeded', transferId: 'tr_INV-7', procountorInvoiceNumber: 1007, referenceCode: '10076' },
        },
      ]);
  });

  it('puts a readable error in the run log when the source answers garbage, and keeps the schedule', async () => {
    source.answer('/garbage', 200, '<html>Service Unavailable</html>');
    const connectionId = await pulledConnection('/garbage');
    await expect
      .poll(async () => (await runsOf(connectionId)).find((run) => run.state === 'completed')?.result, {
        timeout: 15_000,
      })
      .toMatchObject({
        outcome: 'fetch_failed',
        error: expect.stringContaining('the answer is not JSON: "<html>Service Unavailable</html>"'),
      });
    const runs = await runsOf(connectionId);
    expect(JSON.stringify(runs)).not.toContain('src-key');
    expect(runs.some((run) => run.state === 'created')).toBe(true);

    source.answer('/wrong-shape', 200, { invoices: [] });
    const other = await pulledConnection('/wrong-shape');
    await expect
      .poll(async () => (await runsOf(other)).find((run) => run.state === 'completed')?.result?.error, {
        timeout: 15_000,
      })
      .toEqual(expect.stringContaining('should be { "documents": [...] }'));
  });

  it("answers 404 to a token of another connection asking for a connection's runs", async () => {
    const a = await createTestConnection(database.db);
    const b = await createTestConnection(database.db);
    const response = await callAs(baseUrl, `token-${a.connectionId}`)(
      'GET',
      `/v1/connections/${b.connectionId}/scheduled-pull/runs`,
    );
    expect(response.status).toBe(404);
  });
});
