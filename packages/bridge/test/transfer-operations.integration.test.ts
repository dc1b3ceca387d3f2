// Running transfers in operation, through createBridge with real workers: failure e-mails over SMTP, GET /metrics
// (step durations, queue depth), the stranded-transfer sweep, and the batch submit's Idempotency-Key.

import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/composition/create-bridge';
import { QUEUE_NAMES } from '../src/jobs/queue-names';
import { sendFailureEmail } from '../src/notifications/send-failure-email';
import { buildSalesInvoice, businessIdFrom } from './helpers/sales-invoice-builder';
import { type SmtpTestServer, startSmtpTestServer } from './helpers/smtp-test-server';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { describeOnBothDatabases } from './helpers/test-database';

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The value of one metric series in Prometheus text, 0 when absent. */
function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describeOnBothDatabases('transfers in operation', (database) => {
  let procountor: TestProcountor;
  let smtp: SmtpTestServer;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;
  let connectionCount = 0;

  beforeAll(async () => {
    procountor = await startTestProcountor('Toiminta Oy');
    smtp = await startSmtpTestServer();
    bridge = await startTestBridge(
      database.db,
      {},
      {
        workerConcurrency: 2,
        publicUrl: 'https://bridge.example.fi',
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          tls: false,
          // The test server's certificate is self-signed; mail-transport.integration.test.ts covers verification.
          rejectUnauthorized: false,
          from: 'bridge@example.fi',
          // Two tries 10 ms apart within a job, instead of three over seconds.
          sendRetry: { attempts: 2, firstDelayMs: 10 },
        },
      },
    );
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    await smtp?.close();
  });

  /** An active connection to the emulator company with these settings, and a source token for it. */
  async function activeConnection(settings: Record<string, unknown> = {}) {
    connectionCount += 1;
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: `Toiminta ${connectionCount}`,
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    expect(created.status).toBe(201);
    const connectionId = created.json.id as string;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const patched = await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, { settings });
    expect(patched.status).toBe(200);
    const token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json
      .token as string;
    return { connectionId, token };
  }

  const stateOf = async (connectionId: string, token: string, externalId: string) =>
    (await call('GET', `/v1/connections/${connectionId}/sales-invoices/${externalId}`, token)).json;
  const waitForState = (connectionId: string, token: string, externalId: string, state: string) =>
    waitFor(`${externalId} to be ${state}`, async () => {
      const transfer = await stateOf(connectionId, token, externalId);
      return transfer?.state === state ? transfer : undefined;
    });
  /** A customer Procountor does not have, on a connection that may not create customers: fails for good at once. */
  const unknownCustomerInvoice = (externalId: string) =>
    buildSalesInvoice({
      externalId,
      invoiceNumber: externalId,
      customer: {
        name: 'Tuntematon Oy',
        businessId: businessIdFrom(9_999_001),
        address: { street: 'Tie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
      },
    });

  it("e-mails the connection's recipients in plain words when a transfer fails for good", async () => {
    const { connectionId, token } = await activeConnection({
      createCustomersInProcountor: false,
      errorEmailRecipients: ['kirjanpito@example.fi', 'paakirjanpitaja@example.fi'],
    });
    const before = smtp.received.length;
    const submitted = await call(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      token,
      unknownCustomerInvoice('MAIL-1'),
    );
    expect(submitted.status).toBe(202);
    const failed = await waitForState(connectionId, token, 'MAIL-1', 'failed');
    expect(failed.lastError.code).toBe('business_partner_not_found');

    const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(mail).toMatchObject({
      from: 'bridge@example.fi',
      to: ['kirjanpito@example.fi', 'paakirjanpitaja@example.fi'],
      secure: true,
    });
    expect(mail?.parsed.subject).toBe('Transfer to Procountor failed: sales invoice MAIL-1 (Tuntematon Oy)');
    expect(mail?.parsed.text).toContain('could not be transferred to Procountor');
    expect(mail?.parsed.text).toContain(`What to do: ${failed.lastError.fix}`);
    expect(mail?.parsed.text).toContain('https://bridge.example.fi/');
  });

  it('sends no e-mail for a connection without recipients; a refused one is tried again, then left to pg-boss', async () => {
    const quiet = await activeConnection({ createCustomersInProcountor: false });
    const before = smtp.received.length;
    await call(
      'POST',
      `/v1/connections/${quiet.connectionId}/sales-invoices`,
      quiet.token,
      unknownCustomerInvoice('MAIL-2'),
    );
    const quietFailed = await waitForState(quiet.connectionId, quiet.token, 'MAIL-2', 'failed');
    const jobsOf = async (transferId: string) =>
      (
        await sql<{ state: string }>`select state::text as state from pgboss.job
          where name = ${QUEUE_NAMES.transferFailureEmail} and data->>'transferId' = ${transferId}`.execute(database.db)
      ).rows.map((row) => row.state);
    expect(await jobsOf(quietFailed.transferId)).toEqual([]);

    const loud = await activeConnection({ createCustomersInProcountor: false, errorEmailRecipients: ['a@example.fi'] });
    const submitLoud = async (externalId: string) => {
      await call(
        'POST',
        `/v1/connections/${loud.connectionId}/sales-invoices`,
        loud.token,
        unknownCustomerInvoice(externalId),
      );
      return waitForState(loud.connectionId, loud.token, externalId, 'failed');
    };
    // Refused once (451, "try again later"): the job's second try delivers it.
    smtp.refuseNext(1);
    await submitLoud('MAIL-3');
    const [retried] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(retried?.parsed.subject).toContain('MAIL-3');

    // Refused on both tries: pg-boss keeps the job for another try (a minute later: enqueue-failure-email.ts)
    // instead of losing the e-mail.
    smtp.refuseNext(2);
    const refused = await submitLoud('MAIL-5');
    expect(
      await waitFor('the refused e-mail to wait for a retry', async () => {
        const states = await jobsOf(refused.transferId);
        return states.includes('retry') ? states : undefined;
      }),
    ).toEqual(['retry']);
    expect(smtp.received.length).toBe(before + 1);
  });

  it('logs a skipped e-mail when no mail server is configured', async () => {
    const { connectionId, token } = await activeConnection({
      createCustomersInProcountor: false,
      errorEmailRecipients: ['a@example.fi'],
      transferMode: 'manual',
    });
    await call('POST', `/v1/connections/${connectionId}/sales-invoices`, token, unknownCustomerInvoice('MAIL-4'));
    const transfer = await stateOf(connectionId, token, 'MAIL-4');
    await database.db.updateTable('transfers').set({ state: 'failed' }).where('id', '=', transfer.transferId).execute();
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const outcome = await sendFailureEmail(
      { db: database.db, connections: bridge.services.connections, logger, mail: undefined, publicUrl: 'http://x' },
      { transferId: transfer.transferId },
    );
    expect(outcome).toBe('skipped_no_smtp');
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'failure e-mail skipped: SMTP_HOST is not set', transferId: transfer.transferId }),
    );
  });

  it('GET /metrics reports step durations by step and outcome, transfers by state, and queue depth', async () => {
    const { connectionId, token } = await activeConnection();
    await call(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      token,
      buildSalesInvoice({ externalId: 'MET-1', invoiceNumber: 'MET-1' }),
    );
    await waitForState(connectionId, token, 'MET-1', 'succeeded');

    const first = (await call('GET', '/metrics', undefined)).text;
    const step = 'procountor_bridge_transfer_step_duration_seconds_count';
    expect(metricValue(first, `${step}{step="create_invoice",outcome="succeeded"}`)).toBeGreaterThanOrEqual(1);
    expect(metricValue(first, `${step}{step="notify_source",outcome="succeeded"}`)).toBeGreaterThanOrEqual(1);
    // The failures of the e-mail tests above, timed on the step that failed.
    expect(metricValue(first, `${step}{step="resolve_business_partner",outcome="failed"}`)).toBeGreaterThanOrEqual(1);
    expect(metricValue(first, 'procountor_bridge_transfers{state="succeeded"}')).toBeGreaterThanOrEqual(1);
    for (const queue of Object.values(QUEUE_NAMES))
      expect(first).toContain(`procountor_bridge_queue_depth{queue="${queue}",state="created"}`);

    const depth = 'procountor_bridge_queue_depth{queue="transfer-run",state="created"}';
    const before = metricValue(first, depth);
    // A job no worker may take for an hour: it waits in the queue, and the gauge counts it.
    await bridge.services.jobQueue.send(
      QUEUE_NAMES.transferRun,
      { transferId: 'trf_not_yet' },
      { startAfter: new Date(Date.now() + 3_600_000) },
    );
    const second = (await call('GET', '/metrics', undefined)).text;
    expect(metricValue(second, depth)).toBe(before + 1);
  });

  it('the every-minute sweep queues again a transfer whose job was lost', async () => {
    const schedules = await bridge.services.jobQueue.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: QUEUE_NAMES.transferRecoverSweep, cron: '* * * * *' }),
    );

    // Manual mode: the transfer is stored without a job. Marking it queued long ago is a queued transfer whose job
    // went missing (deleted by hand, or lost with a database restore).
    const { connectionId, token } = await activeConnection({ transferMode: 'manual' });
    await call(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      token,
      buildSalesInvoice({ externalId: 'LOST-1', invoiceNumber: 'LOST-1' }),
    );
    const transfer = await stateOf(connectionId, token, 'LOST-1');
    expect(transfer.state).toBe('waiting_for_send');
    await database.db
      .updateTable('transfers')
      .set({ state: 'queued', updated_at: new Date(Date.now() - 600_000) })
      .where('id', '=', transfer.transferId)
      .execute();

    // What pg-boss's cron sends every minute, sent now.
    await bridge.services.jobQueue.send(QUEUE_NAMES.transferRecoverSweep, {});
    await waitForState(connectionId, token, 'LOST-1', 'succeeded');
    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    expect([...company.invoices.values()].filter((invoice) => invoice.originalInvoiceNumber === 'LOST-1')).toHaveLength(
      1,
    );
  });

  it('batch submit: the same Idempotency-Key and body get the stored answer, another body a 422', async () => {
    const { connectionId, token } = await activeConnection({ transferMode: 'manual' });
    const post = async (key: string, documents: unknown[]) => {
      const response = await fetch(`${bridge.url}/v1/connections/${connectionId}/sales-invoices/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ documents }),
      });
      return { status: response.status, json: await response.json() };
    };
    const documents = [
      buildSalesInvoice({ externalId: 'BATCH-1', invoiceNumber: 'BATCH-1' }),
      buildSalesInvoice({ externalId: 'BATCH-2', invoiceNumber: 'BATCH-2' }),
      { externalId: 'BATCH-BAD' },
    ];
    const first = await post('batch-key-1', documents);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ accepted: 2, rejected: 1 });
    expect(first.json.results.map((result: { status: number }) => result.status)).toEqual([202, 202, 400]);

    const again = await post('batch-key-1', documents);
    expect(again).toEqual(first);
    const { rows } = await sql<{ count: string }>`select count(*) as count from transfers
      where connection_id = ${connectionId}`.execute(database.db);
    expect(Number(rows[0]!.count)).toBe(2);

    const other = await post('batch-key-1', documents.slice(0, 1));
    expect(other.status).toBe(422);
    expect(other.json.code).toBe('idempotency_key_reused');
  });
});
