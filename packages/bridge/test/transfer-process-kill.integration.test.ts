// Never a duplicate, with real process death: a bridge worker process (tsx) is killed with SIGKILL after each step
// of a transfer, the next process takes the transfer over, and Procountor (the emulator) ends with exactly one invoice
// per transfer. PostgreSQL only: PGlite is one process's database. The in-process SimulatedCrash test covers both.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROM_SOURCE_NODE_ARGS } from '../../../scripts/source-condition';
import type { Bridge } from '../src/composition/create-bridge';
import { SALES_INVOICE_STEPS } from '../src/transfers/transfer-states';
import { buildSalesInvoice } from './helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

const CHILD = fileURLToPath(new URL('./helpers/transfer-worker-child.ts', import.meta.url));
/** Every step after which a process can die; notify_source is the last transaction itself. */
const CRASH_POINTS = SALES_INVOICE_STEPS.filter((step) => step !== 'notify_source');

interface WorkerProcess {
  child: ChildProcess;
  /** Lets the process, its modules loaded meanwhile, start its bridge (recover-stranded-transfers runs then). */
  begin(): void;
  /** Resolves with the first stdout line that starts with `prefix`. */
  waitForLine(prefix: string, timeoutMs?: number): Promise<string>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
}

describe('transfers survive a killed worker process (PostgreSQL)', () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let bridge: Bridge;
  const secretKey = randomBytes(32);
  const processes: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    procountor = await startTestProcountor('Kaatuva Oy');
    // The API process: no workers of its own.
    bridge = await startTestBridge(database.db, {}, { secretKey });
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill()));
    await bridge?.stop();
    await procountor?.emulator.stop();
    await database?.destroy();
  });

  function startWorker(crash?: { transferId: string; step: string }, hangAfterFetch = false): WorkerProcess {
    const child = spawn(process.execPath, [...FROM_SOURCE_NODE_ARGS, CHILD], {
      env: {
        ...process.env,
        DATABASE_URL: database.connectionString,
        BRIDGE_SECRET_KEY: secretKey.toString('base64'),
        PORT: '0',
        WORKER_CONCURRENCY: '0',
        LOG_LEVEL: 'silent',
        ...(crash ? { CRASH_TRANSFER_ID: crash.transferId, CRASH_AFTER_STEP: crash.step } : {}),
        ...(hangAfterFetch ? { HANG_AFTER_FETCH: '1' } : {}),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const listeners = new Set<() => void>();
    let stderr = '';
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
      for (const listener of listeners) listener();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const worker: WorkerProcess = {
      child,
      begin: () => child.stdin!.write('begin\n'),
      waitForLine: (prefix, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const check = () => {
            const line = lines.find((candidate) => candidate.startsWith(prefix));
            if (line === undefined) return;
            cleanup();
            resolve(line);
          };
          const timer = setTimeout(() => {
            cleanup();
            reject(new Error(`worker never printed "${prefix}"; stderr: ${stderr.slice(-2000)}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            listeners.delete(check);
          };
          listeners.add(check);
          check();
        }),
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
    processes.push(worker);
    return worker;
  }

  async function stateOf(transferId: string) {
    const row = await database.db
      .selectFrom('transfers')
      .select(['state', 'completed_steps'])
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    return row;
  }

  async function waitForSucceeded(transferId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { state } = await stateOf(transferId);
      if (state === 'succeeded') return;
      if (state === 'failed' || Date.now() > deadline) throw new Error(`${transferId} is ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Until the transfer's last touch is older than the child's staleInProgressMs (2 s), by the database's clock. */
  async function waitForStale(transferId: string) {
    for (;;) {
      const { rows } = await sql<{ stale: boolean }>`select updated_at < now() - interval '2500 milliseconds' as stale
        from transfers where id = ${transferId}`.execute(database.db);
      if (rows[0]?.stale) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** An active connection to the emulator company where every step has work to do, and a submit for it. */
  async function createConnection(name: string) {
    const call = apiCaller(bridge.url);
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name,
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    const connectionId = created.json.id as string;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    // Every step has work to do: a new customer, a project item, an attachment, an approve.
    const settings = { statusAfterTransfer: 'APPROVED', projectDimension: 'Projektit', maxConcurrentTransfers: 4 };
    expect((await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, { settings })).status).toBe(200);
    const token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;

    return async (invoiceNumber: string) => {
      const invoice = buildSalesInvoice({
        externalId: invoiceNumber,
        invoiceNumber,
        rows: [
          {
            kind: 'item',
            name: 'Work',
            quantity: 1,
            unitPrice: 80,
            vatPercent: 25.5,
            dimensions: { project: `P-${invoiceNumber}` },
          },
        ],
        attachments: [{ fileName: 'breakdown.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }],
      });
      const response = await call('POST', `/v1/connections/${connectionId}/sales-invoices`, token, invoice);
      expect(response.status).toBe(202);
      return response.json.transferId as string;
    };
  }

  /** The invoices in the emulator company whose originalInvoiceNumber is this source number. */
  function invoicesNumbered(invoiceNumber: string) {
    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    return [...company.invoices.values()].filter((invoice) => invoice.originalInvoiceNumber === invoiceNumber);
  }

  /** Resolves with the time a run claims the transfer again (its attempts go past `attempts`). */
  async function waitForClaim(transferId: string, attempts: number, timeoutMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await database.db
        .selectFrom('transfers')
        .select('attempts')
        .where('id', '=', transferId)
        .executeTakeFirstOrThrow();
      if (row.attempts > attempts) return Date.now();
      if (Date.now() > deadline) throw new Error(`${transferId} was not claimed again within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('kills the worker with SIGKILL after every step; each transfer ends with exactly one invoice', async () => {
    const submitNumbered = await createConnection('Kaatuva');
    const submit = (index: number) => submitNumbered(`KILL-${index}`);

    // Process k takes over the transfer process k−1 died in, and dies itself after step k of a new transfer.
    const transferIds: string[] = [];
    for (const [index, step] of CRASH_POINTS.entries()) {
      const transferId = await submit(index);
      transferIds.push(transferId);
      // The new process takes the dead one's transfer over when its bridge starts (recover-stranded-transfers), so
      // it must be stale by then: it loads its modules meanwhile and begins only after this wait, which keeps the
      // hand-over independent of how fast a process starts.
      const worker = startWorker({ transferId, step });
      if (index > 0) await waitForStale(transferIds[index - 1]!);
      worker.begin();
      await worker.waitForLine(`PAUSED ${step} ${transferId}`);
      if (index > 0) await waitForSucceeded(transferIds[index - 1]!);
      await worker.kill();
      const { state, completed_steps } = await stateOf(transferId);
      expect(state).toBe('in_progress');
      // Completions are held until the run's next write or Procountor request (transfers/held-completions.ts): the
      // killed process left the steps before the kill persisted in order, perhaps without the last ones that sent
      // nothing since; the next process does those again.
      expect(completed_steps).toEqual(CRASH_POINTS.slice(0, completed_steps.length));
      expect(completed_steps.length).toBeLessThanOrEqual(index + 1);
    }
    // The last process only takes over, at start (recover-stranded-transfers): once the transfer is stale for it.
    const last = startWorker();
    await waitForStale(transferIds.at(-1)!);
    last.begin();
    await last.waitForLine('READY');
    await waitForSucceeded(transferIds.at(-1)!);
    await last.kill();

    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    for (const index of CRASH_POINTS.keys()) {
      const invoices = [...company.invoices.values()].filter(
        (invoice) => invoice.originalInvoiceNumber === `KILL-${index}`,
      );
      expect(invoices, `KILL-${index}`).toHaveLength(1);
      expect(invoices[0]!.status).toBe('NOT_SENT');
      expect(invoices[0]!.attachments ?? []).toHaveLength(1);
    }
    const partners = [...company.businessPartners.values()];
    const customerIds = new Set(partners.map((partner) => partner.invoicingInfo?.identifier));
    expect(customerIds.size).toBe(partners.length);
    // Eight bridge processes, one after another, each ~3 s of CPU to start: minutes when other files run beside it.
  }, 240_000);

  /**
   * The longest a dead process's transfer may wait for a live process that is up, with the child's timings
   * (helpers/transfer-worker-child.ts): stale after 2 s, a sweep every 0.5 s, a poll every 0.5 s; plus a generous
   * margin for a machine busy with other test files. Without the recovery it is pg-boss's 15-minute job expiry.
   */
  const RECOVERY_BOUND_MS = 2_000 + 500 + 500 + 20_000;
  /** A bridge process under tsx needs ~3 s of CPU to start: far longer while other test files share the machine. */
  const STARTUP_TIMEOUT_MS = 120_000;

  it('a process killed while it holds a fetched but unclaimed job: a live process runs the transfer, once', async () => {
    const submit = await createConnection('Kaatuva haettu');
    // The job must be fetched by the process that dies, so it runs alone until then.
    const dying = startWorker(undefined, true);
    dying.begin();
    await dying.waitForLine('READY', STARTUP_TIMEOUT_MS);
    const transferId = await submit('FETCHED-1');
    await dying.waitForLine(`FETCHED ${transferId}`, STARTUP_TIMEOUT_MS);
    const survivor = startWorker();
    await dying.kill();
    const killedAt = Date.now();
    expect((await stateOf(transferId)).state).toBe('queued');
    survivor.begin();
    await survivor.waitForLine('READY', STARTUP_TIMEOUT_MS);
    const readyAfterMs = Date.now() - killedAt;
    const claimedAfterMs = (await waitForClaim(transferId, 0)) - killedAt;
    await waitForSucceeded(transferId);
    console.log(
      `fetched, unclaimed job: survivor ready ${readyAfterMs} ms and the transfer claimed ${claimedAfterMs} ms after the SIGKILL`,
    );
    expect(claimedAfterMs).toBeLessThan(readyAfterMs + RECOVERY_BOUND_MS);
    expect(invoicesNumbered('FETCHED-1')).toHaveLength(1);
    await survivor.kill();
  }, 300_000);

  it('a process killed in the middle of a transfer: a live process takes it over within the lease window, once', async () => {
    const submit = await createConnection('Kaatuva kesken');
    const transferId = await submit('CLAIMED-1');
    const dying = startWorker({ transferId, step: 'create_invoice' });
    // Up before the death, as in production: another process that already runs.
    const survivor = startWorker();
    dying.begin();
    await dying.waitForLine(`PAUSED create_invoice ${transferId}`, STARTUP_TIMEOUT_MS);
    survivor.begin();
    await survivor.waitForLine('READY', STARTUP_TIMEOUT_MS);
    await dying.kill();
    const killedAt = Date.now();
    const claimedAfterMs = (await waitForClaim(transferId, 1)) - killedAt;
    await waitForSucceeded(transferId);
    console.log(`claimed transfer: taken over ${claimedAfterMs} ms after the SIGKILL`);
    expect(claimedAfterMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(invoicesNumbered('CLAIMED-1')).toHaveLength(1);
    await survivor.kill();
  }, 300_000);

  it('two processes share a batch, one is killed mid-batch: every invoice once in Procountor', async () => {
    const submit = await createConnection('Kaatuva erä');
    const first = startWorker();
    const second = startWorker();
    first.begin();
    second.begin();
    await Promise.all([
      first.waitForLine('READY', STARTUP_TIMEOUT_MS),
      second.waitForLine('READY', STARTUP_TIMEOUT_MS),
    ]);
    // Enough that the dying process is mid-work at the kill (2 runs each, 4 per connection) and three quarters of the
    // batch are left for the survivor; a larger batch proves nothing more and costs seconds per invoice on two cores.
    const numbers = Array.from({ length: 16 }, (_, index) => `BATCH-${index}`);
    const transferIds: string[] = [];
    for (const number of numbers) transferIds.push(await submit(number));
    // Mid-batch: a quarter done, the killed process holding whatever it had fetched or claimed at that moment.
    for (;;) {
      const { rows } = await sql<{ done: number }>`select count(*)::int as done from transfers
        where id in (${sql.join(transferIds)}) and state = 'succeeded'`.execute(database.db);
      if ((rows[0]?.done ?? 0) >= numbers.length / 4) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await first.kill();
    const killedAt = Date.now();
    for (const transferId of transferIds) await waitForSucceeded(transferId, 120_000);
    // A transfer the killed process had claimed was claimed a second time by the survivor.
    const { rows: takenOver } = await sql<{ count: number }>`select count(*)::int as count from transfers
      where id in (${sql.join(transferIds)}) and attempts > 1`.execute(database.db);
    console.log(
      `batch of ${numbers.length}: ${takenOver[0]?.count} claimed twice; the last one succeeded ${Date.now() - killedAt} ms after the SIGKILL`,
    );
    for (const number of numbers) expect(invoicesNumbered(number), number).toHaveLength(1);
    await second.kill();
  }, 300_000);
});
