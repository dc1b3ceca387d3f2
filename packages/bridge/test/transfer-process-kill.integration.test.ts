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

  function startWorker(crash?: { transferId: string; step: string }): WorkerProcess {
    const child = spawn(process.execPath, [...FROM_SOURCE_NODE_ARGS, CHILD], {
      env: {
        ...process.env,
        DATABASE_URL: database.connectionString,
        BRIDGE_SECRET_KEY: secretKey.toString('base64'),
        PORT: '0',
        WORKER_CONCURRENCY: '0',
        LOG_LEVEL: 'silent',
        ...(crash ? { CRASH_TRANSFER_ID: crash.transferId, CRASH_AFTER_STEP: crash.step } : {}),
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

  it('kills the worker with SIGKILL after every step; each transfer ends with exactly one invoice', async () => {
    const call = apiCaller(bridge.url);
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Kaatuva',
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

    const submit = async (index: number) => {
      const invoice = buildSalesInvoice({
        externalId: `KILL-${index}`,
        invoiceNumber: `KILL-${index}`,
        rows: [
          {
            kind: 'item',
            name: 'Work',
            quantity: 1,
            unitPrice: 80,
            vatPercent: 25.5,
            dimensions: { project: `K-${index}` },
          },
        ],
        attachments: [{ fileName: 'breakdown.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }],
      });
      const response = await call('POST', `/v1/connections/${connectionId}/sales-invoices`, token, invoice);
      expect(response.status).toBe(202);
      return response.json.transferId as string;
    };

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
      expect(completed_steps.at(-1)).toBe(step);
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
});
