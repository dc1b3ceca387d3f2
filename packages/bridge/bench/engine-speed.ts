// Benchmark (npm run bench): the engine against issue 13's targets, in one run against one emulator child. The bridge
// next to a hand-written integration (token, partner search, product search, create, read back; 8 in flight) on a
// fast and on a rate-limited Procountor; accepted submissions/s, batch documents/s, end-to-end invoices/s, idle
// latency and peak RSS on PostgreSQL and PGlite; scale-out over 1, 2 and 4 bridge processes on one PostgreSQL.
// Only public surfaces: bridge child processes, their HTTP API, the emulator's admin API and the database's counts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path, { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../test/helpers/test-database';
import {
  BENCH_ADMIN_TOKEN,
  type BenchConnection,
  type BridgeChild,
  callBridge,
  countTransfersViaApi,
  createActiveConnection,
  startBridgeChild,
  syncRegisters,
} from './support/bench-bridge';
import { benchSalesInvoice, createKnownMasterData, type KnownMasterData } from './support/bench-invoices';
import { summarizeCpuProfiles } from './support/cpu-profile-summary';
import { type EmulatorChild, rssMegabytesOf, setEmulatorSettings, startEmulatorChild } from './support/emulator-child';
import { type HandWrittenResult, readCompanyIban, runHandWrittenIntegration } from './support/hand-written-integration';
import { PeakSampler, percentile, runFor, sleep } from './support/load-stats';
import type { ResidentSplit } from './support/process-memory';
import { RequestLogCounter } from './support/request-log-counter';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const RESULTS_PATH = resolve(REPO_ROOT, 'bench-results/engine-speed.json');
const RATE_LIMIT_PER_SECOND = 10;
const EMULATOR_LATENCY_MS = 100;
/** As the issue's table: 8 in flight for the bridge (workers and connection slots) and the hand-written baseline. */
const IN_FLIGHT = 8;
/** The highest rate a connection may have (its settings' maximum): a fast Procountor is limited by nothing else. */
const FAST_CONNECTION_RATE = 100;
/** Issue 13's targets. */
const TARGETS = {
  fastRatioToBaseline: 1,
  rateLimitedOverBound: 1.05,
  callsPerInvoice: 1,
  acceptedPerSecond: { postgres: 1000, pglite: 300 },
  batchDocumentsPerSecond: { postgres: 3000 },
  endToEndPerSecond: { postgres: 100, pglite: 60 },
  idleP95Ms: 300,
  peakRssMb: { postgres: 250, pglite: 300 },
  scaleOut: { 2: 1.7, 4: 3 } as Record<number, number>,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    invoices: { type: 'string' },
    'rate-invoices': { type: 'string' },
    'batch-invoices': { type: 'string' },
    'scale-invoices': { type: 'string' },
    'batch-size': { type: 'string', default: '100' },
    'accept-seconds': { type: 'string' },
    'latency-samples': { type: 'string' },
    'drain-seconds': { type: 'string' },
    'rate-seconds': { type: 'string' },
    databases: { type: 'string', default: 'postgres,pglite' },
    processes: { type: 'string', default: '1,2,4' },
    cases: { type: 'string', default: 'fast,rate-limited,databases,scale-out' },
    'cpu-prof': { type: 'string' },
    'count-sql': { type: 'boolean', default: false },
    'from-source': { type: 'boolean', default: false },
    'bridge-node-args': { type: 'string', default: '' },
  },
});
const quick = values.quick;
const option = (name: keyof typeof values, full: number, small: number) =>
  values[name] !== undefined ? Number(values[name]) : quick ? small : full;
const INVOICES = option('invoices', 1000, 60);
const RATE_INVOICES = option('rate-invoices', INVOICES, 20);
const BATCH_INVOICES = option('batch-invoices', 5000, 200);
const SCALE_INVOICES = option('scale-invoices', INVOICES, 60);
const ACCEPT_SECONDS = option('accept-seconds', 10, 2);
const LATENCY_SAMPLES = option('latency-samples', 30, 8);
const BATCH_SIZE = Number(values['batch-size']);
// Caps: an engine far below its targets still ends the full run in about half an hour.
const DRAIN_SECONDS = option('drain-seconds', 120, 60);
const RATE_SECONDS = option('rate-seconds', 300, 60);
const DATABASES = values.databases.split(',') as Array<'postgres' | 'pglite'>;
const PROCESSES = values.processes.split(',').map(Number);
const CASES = new Set(values.cases.split(','));
const CPU_PROFILE_DIR = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
const SQL_COUNTER = resolve(import.meta.dirname, 'support/count-sql-statements.ts');
const BRIDGE_NODE_ARGS = values['bridge-node-args'].split(' ').filter(Boolean);

/**
 * A bridge child process as `npm start` runs it (built dist/, built first if stale), or from the sources under tsx
 * with --from-source; --bridge-node-args go to its `node` (e.g. V8 flags to try a memory setting).
 */
const startBridge = (databaseUrl: string | undefined, options: Parameters<typeof startBridgeChild>[2] = {}) =>
  startBridgeChild(databaseUrl, IN_FLIGHT, {
    ...options,
    fromSource: values['from-source'],
    nodeArgs: [...BRIDGE_NODE_ARGS, ...(options.nodeArgs ?? [])],
  });

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const perSecond = (count: number, ms: number) => round(count / (ms / 1000), 1);

/** Invoices of a case: known customers and products, external ids unique to the case. */
const invoicesOf = (prefix: string, count: number, known: KnownMasterData) =>
  Array.from({ length: count }, (_, index) => benchSalesInvoice(prefix, index, known));

/**
 * Submits through the batch endpoint in batches of BATCH_SIZE, spread round-robin over the targets; sends no further
 * batch once `deadline` (epoch ms) has passed, so a slow engine cannot stretch the run.
 */
async function submitBatches(
  targets: Array<{ bridge: BridgeChild; connection: BenchConnection }>,
  documents: unknown[],
  deadline = Number.POSITIVE_INFINITY,
): Promise<{ accepted: number; submitMs: number }> {
  const started = performance.now();
  let accepted = 0;
  for (let first = 0, turn = 0; first < documents.length && Date.now() < deadline; first += BATCH_SIZE, turn += 1) {
    const { bridge, connection } = targets[turn % targets.length]!;
    const answer = await callBridge<{ accepted: number }>(
      bridge,
      'POST',
      `/v1/connections/${connection.connectionId}/sales-invoices/batch`,
      connection.token,
      { documents: documents.slice(first, first + BATCH_SIZE) },
    );
    accepted += answer.accepted;
  }
  return { accepted, submitMs: Math.round(performance.now() - started) };
}

/** Polls until `total` transfers of these connections are succeeded or failed, or the deadline; counts per state. */
async function waitUntilDone(
  targets: Array<{ bridge: BridgeChild; connection: BenchConnection }>,
  total: number,
  deadline: number,
  everyMs: number,
): Promise<{ succeeded: number; failed: number; capped: boolean; doneAt: number }> {
  const count = async (state: string) =>
    (await Promise.all(targets.map((t) => countTransfersViaApi(t.bridge, t.connection, state)))).reduce(
      (sum, n) => sum + n,
      0,
    );
  let done = await count('succeeded,failed');
  while (done < total && Date.now() < deadline) {
    await sleep(everyMs);
    done = await count('succeeded,failed');
  }
  const doneAt = performance.now();
  const failed = await count('failed');
  return { succeeded: done - failed, failed, capped: done < total, doneAt };
}

/** A new connection to the emulator's demo company with its registers synced (the steady state) and 3 warm invoices. */
async function readyConnection(
  bridge: BridgeChild,
  emulator: EmulatorChild,
  known: KnownMasterData,
  name: string,
  rate: number,
) {
  const connection = await createActiveConnection(bridge, emulator, name, {
    rateLimitPerSecond: rate,
    maxConcurrentTransfers: IN_FLIGHT,
    attachmentMode: 'none',
  });
  await syncRegisters(bridge, connection);
  const target = [{ bridge, connection }];
  await submitBatches(target, invoicesOf(`${name}-WARM`, 3, known));
  await waitUntilDone(target, 3, Date.now() + 60_000, 100);
  return connection;
}

/** Emulator-side check that no transfer ran twice: invoices it holds now, from the state summary. */
async function emulatorInvoiceCount(emulator: EmulatorChild): Promise<number> {
  const response = await fetch(`${emulator.url}/_emulator/state/summary`);
  const summary = (await response.json()) as { companies: Array<{ counts: Record<string, number> }> };
  return summary.companies.reduce((sum, company) => sum + (company.counts.invoices ?? 0), 0);
}

/**
 * The case's transfers (`PREFIX-<n>`, warm-up ones left out), how many carry a Procountor invoice id, and how many
 * distinct ids they carry, from the database: with the emulator's count of invoices created meanwhile, this shows
 * whether any transfer created its invoice twice.
 */
async function transfersAndInvoices(database: TestDatabase, connectionIds: string[], prefix: string) {
  const { rows } = await sql<{ transfers: string; withInvoice: string; distinctInvoices: string }>`
    select count(*) as transfers, count(procountor_invoice_id) as "withInvoice",
      count(distinct procountor_invoice_id) as "distinctInvoices"
    from transfers
    where connection_id in (${sql.join(connectionIds)}) and external_id ~ ${`^${prefix}-[0-9]+$`}`.execute(database.db);
  const row = rows[0]!;
  return {
    transfers: Number(row.transfers),
    withProcountorInvoice: Number(row.withInvoice),
    distinctProcountorInvoices: Number(row.distinctInvoices),
  };
}

/**
 * No transfer ran twice: the emulator created exactly as many invoices as the transfers recorded, all distinct, and
 * (unless the step was capped) every accepted document has its transfer with its invoice.
 */
function onceCheck(
  created: number,
  transfers: number,
  withInvoice: number,
  distinct: number,
  accepted: number,
  capped: boolean,
) {
  const exactlyOnce =
    created === withInvoice &&
    distinct === withInvoice &&
    (capped || (transfers === accepted && withInvoice === transfers));
  return {
    transfers,
    withProcountorInvoice: withInvoice,
    distinctProcountorInvoices: distinct,
    createdInProcountor: created,
    exactlyOnce,
    summary: `Procountor invoices per transfer (${created} created, ${distinct} distinct ids on ${transfers} transfers)`,
  };
}

/** The SQL the bridge child sent during the measured window (count-sql-statements.ts), per invoice and by shape. */
function sqlStatementsPerInvoice(file: string, invoices: number) {
  type Counts = { total: number; statements: Array<{ shape: string; count: number; ms?: number }> };
  const read = (name: string) => JSON.parse(readFileSync(name, 'utf8')) as Counts;
  const [start, end] = [read(`${file}.start`), read(file)];
  const before = new Map(start.statements.map((s) => [s.shape, s]));
  const during = end.statements
    .map((s) => ({
      shape: s.shape,
      count: s.count - (before.get(s.shape)?.count ?? 0),
      ms: (s.ms ?? 0) - (before.get(s.shape)?.ms ?? 0),
    }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.ms - a.ms || b.count - a.count);
  const total = during.reduce((sum, s) => sum + s.count, 0);
  const totalMs = during.reduce((sum, s) => sum + s.ms, 0);
  const per = (n: number, digits: number) => round(n / Math.max(1, invoices), digits);
  return {
    total,
    perInvoice: per(total, 1),
    /** Time from each statement's call to its answer, waits for the connection included, per invoice. */
    msPerInvoice: per(totalMs, 1),
    top: during.slice(0, 25).map((s) => ({ ...s, perInvoice: per(s.count, 2), msPerInvoice: per(s.ms, 2) })),
  };
}

/** The process's own memory figures from its /metrics (prom-client defaults), MB: V8 heap and memory outside it. */
async function memoryFromMetrics(bridge: BridgeChild) {
  const response = await fetch(`${bridge.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  if (!response.ok) return undefined;
  const text = await response.text();
  const mb = (name: string) => {
    const value = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1];
    return value === undefined ? undefined : Math.round(Number(value) / 1024 / 1024);
  };
  return {
    residentMb: mb('process_resident_memory_bytes'),
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

/** Commits and row changes in the bench database (pg_stat_database), to count transactions per invoice. */
async function databaseActivity(database: TestDatabase) {
  // Statistics reach pg_stat_database when a backend reports them (at most about a second late).
  await sleep(1_500);
  const { rows } = await sql<{ commits: string; inserted: string; updated: string; deleted: string }>`
    select xact_commit as commits, tup_inserted as inserted, tup_updated as updated, tup_deleted as deleted
    from pg_stat_database where datname = current_database()`.execute(database.db);
  const row = rows[0]!;
  return {
    commits: Number(row.commits),
    rowsWritten: Number(row.inserted) + Number(row.updated) + Number(row.deleted),
  };
}

interface Figure {
  case: string;
  measure: string;
  value: number | string;
  unit?: string;
  target?: string;
  pass?: boolean;
}
const figures: Figure[] = [];
const figure = (entry: Figure) => {
  figures.push(entry);
  const mark = entry.pass === undefined ? '' : entry.pass ? ' ✓' : ' ✗';
  console.log(
    `  ${entry.case} · ${entry.measure}: ${entry.value}${entry.unit ? ` ${entry.unit}` : ''}${entry.target ? ` (target ${entry.target})` : ''}${mark}`,
  );
};

/** The bridge side of a comparison: `count` invoices through one bridge process at IN_FLIGHT, counted at the emulator. */
async function bridgeRun(
  bridge: BridgeChild,
  connection: BenchConnection,
  emulator: EmulatorChild,
  prefix: string,
  known: KnownMasterData,
  count: number,
  capSeconds: number,
) {
  const log = new RequestLogCounter(emulator);
  await log.start(1_000);
  const target = [{ bridge, connection }];
  const started = performance.now();
  const deadline = Date.now() + capSeconds * 1000;
  const submitted = await submitBatches(target, invoicesOf(prefix, count, known), deadline);
  const done = await waitUntilDone(target, submitted.accepted + 3, deadline, 100);
  await log.stop();
  const wallMs = Math.round(done.doneAt - started);
  const calls = log.total;
  const rateLimited429 = [...log.counts.entries()]
    .filter(([call]) => call.endsWith(' 429'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    invoices: count,
    accepted: submitted.accepted,
    submitMs: submitted.submitMs,
    succeeded: done.succeeded - 3,
    failed: done.failed,
    capped: done.capped || submitted.accepted < count,
    wallMs,
    invoicesPerSecond: perSecond(done.succeeded - 3, wallMs),
    calls,
    callsPerInvoice: round(calls / Math.max(1, done.succeeded - 3), 2),
    rateLimited429,
    callsMissedByLogReader: log.missed,
    breakdown: Object.fromEntries([...log.counts.entries()].sort((a, b) => b[1] - a[1])),
  };
}

/** The baseline side: the hand-written integration on the same invoices' shape, 8 in flight. */
async function baselineRun(
  emulator: EmulatorChild,
  companyIban: string,
  prefix: string,
  known: KnownMasterData,
  count: number,
) {
  await runHandWrittenIntegration(emulator, invoicesOf(`${prefix}-WARM`, 3, known), { concurrency: 3, companyIban });
  const result: HandWrittenResult = await runHandWrittenIntegration(emulator, invoicesOf(prefix, count, known), {
    concurrency: IN_FLIGHT,
    companyIban,
  });
  return {
    ...result,
    invoicesPerSecond: perSecond(result.succeeded, result.wallMs),
    callsPerInvoice: round(result.calls / Math.max(1, result.succeeded), 2),
  };
}

/** Idle latency: one invoice at a time, submit → succeeded from the transfer's own timestamps (the API). */
async function idleLatency(bridge: BridgeChild, connection: BenchConnection, known: KnownMasterData, label: string) {
  const one = async (index: number) => {
    const { transferId } = await callBridge<{ transferId: string }>(
      bridge,
      'POST',
      `/v1/connections/${connection.connectionId}/sales-invoices`,
      connection.token,
      benchSalesInvoice(`IDLE-${label}`, index, known),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const transfer = await callBridge<{ state: string; createdAt: string; succeededAt: string | null }>(
        bridge,
        'GET',
        `/v1/connections/${connection.connectionId}/transfers/${transferId}`,
        connection.token,
      );
      if (transfer.state === 'succeeded') return Date.parse(transfer.succeededAt!) - Date.parse(transfer.createdAt);
      if (transfer.state === 'failed' || Date.now() > deadline) throw new Error(`idle ${index}: ${transfer.state}`);
      await sleep(25);
    }
  };
  await one(1_000_000);
  const latencies: number[] = [];
  for (let index = 0; index < LATENCY_SAMPLES; index += 1) {
    latencies.push(await one(index));
    // Pauses of varying length, so submissions land at every phase of the workers' polling.
    await sleep(100 + Math.random() * 400);
  }
  return {
    samples: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    maxMs: Math.round(Math.max(...latencies)),
  };
}

/** Accepted/s: single POSTs, 16 in flight, while the workers run (the transfers they start are left behind). */
async function acceptance(bridge: BridgeChild, connection: BenchConnection, known: KnownMasterData, label: string) {
  const post = (index: number) =>
    callBridge(
      bridge,
      'POST',
      `/v1/connections/${connection.connectionId}/sales-invoices`,
      connection.token,
      benchSalesInvoice(`ACCEPT-${label}`, index, known),
      [202],
    ).then(() => undefined);
  await runFor(2, 16, (index) => post(10_000_000 + index));
  const result = await runFor(ACCEPT_SECONDS, 16, post);
  return {
    perSecond: perSecond(result.completed, result.elapsedMs),
    accepted: result.completed,
    errors: result.errors,
    ...(result.firstError ? { firstError: result.firstError } : {}),
    p50Ms: round(percentile(result.durationsMs, 50), 1),
    p95Ms: round(percentile(result.durationsMs, 95), 1),
  };
}

const emulator = await startEmulatorChild();
const cleanups: Array<() => Promise<void>> = [async () => emulator.stop()];
const own = <T>(resource: T, cleanup: (resource: T) => Promise<void>): T => {
  cleanups.push(() => cleanup(resource));
  return resource;
};
const freshPostgres = async () => own(await createTestDatabase('postgres', { migrate: true }), (d) => d.destroy());
const results: Record<string, unknown> = {};
const runStarted = performance.now();
let failures = 0;
try {
  console.log(
    `Engine benchmark (issue 13)${quick ? ', quick' : ''}: ${INVOICES} invoices fast, ${RATE_INVOICES} rate-limited, ${BATCH_INVOICES} in the batch case, ${SCALE_INVOICES} per scale-out step; emulator pid ${emulator.child.pid}`,
  );
  const emulatorRss = new PeakSampler(() => rssMegabytesOf(emulator.child.pid!), 1_000);
  const known = await createKnownMasterData(emulator, 25);
  const companyIban = await readCompanyIban(emulator);

  if (CASES.has('fast')) {
    console.log(`\n▶ fast Procountor (no latency, no limit), ${INVOICES} invoices, ${IN_FLIGHT} in flight`);
    const baseline = await baselineRun(emulator, companyIban, 'HAND-FAST', known, INVOICES);
    const sqlCountFile = values['count-sql']
      ? path.join(await mkdtemp(path.join(tmpdir(), 'bench-sql-')), 'counts.json')
      : undefined;
    const database = await freshPostgres();
    const bridge = own(
      await startBridge(database.connectionString!, {
        nodeArgs: [
          ...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []),
          ...(sqlCountFile ? ['--import', SQL_COUNTER] : []),
        ],
        ...(sqlCountFile ? { env: { BENCH_SQL_COUNT_FILE: sqlCountFile } } : {}),
      }),
      (b) => b.stop(),
    );
    const connection = await readyConnection(bridge, emulator, known, 'FAST', FAST_CONNECTION_RATE);
    const before = await databaseActivity(database);
    const emulatorBefore = await emulatorInvoiceCount(emulator);
    if (sqlCountFile) {
      process.kill(bridge.pid, 'SIGUSR2');
      await sleep(300);
    }
    const bridgeSide = await bridgeRun(bridge, connection, emulator, 'FAST', known, INVOICES, DRAIN_SECONDS);
    const after = await databaseActivity(database);
    await bridge.stop();
    const once = await transfersAndInvoices(database, [connection.connectionId], 'FAST');
    const check = onceCheck(
      (await emulatorInvoiceCount(emulator)) - emulatorBefore,
      once.transfers,
      once.withProcountorInvoice,
      once.distinctProcountorInvoices,
      bridgeSide.accepted,
      bridgeSide.capped,
    );
    const sqlStatements = sqlCountFile ? sqlStatementsPerInvoice(sqlCountFile, bridgeSide.succeeded) : undefined;
    const ratio = round(bridgeSide.wallMs / baseline.wallMs, 2);
    const perInvoice = (n: number) => round(n / Math.max(1, bridgeSide.succeeded), 1);
    results.fast = {
      baseline,
      bridge: {
        ...bridgeSide,
        databaseCommitsPerInvoice: perInvoice(after.commits - before.commits),
        databaseRowsWrittenPerInvoice: perInvoice(after.rowsWritten - before.rowsWritten),
        ...check,
        ...(sqlStatements ? { sqlStatements } : {}),
      },
      ratio,
    };
    figure({ case: 'fast', measure: 'hand-written wall time', value: round(baseline.wallMs / 1000, 1), unit: 's' });
    figure({
      case: 'fast',
      measure: 'bridge wall time',
      value: `${round(bridgeSide.wallMs / 1000, 1)}${bridgeSide.capped ? ' (capped)' : ''}`,
      unit: 's',
    });
    figure({ case: 'fast', measure: 'ratio bridge / hand-written', value: ratio, target: '≤ 1', pass: ratio <= 1 });
    figure({
      case: 'fast',
      measure: 'calls per invoice, hand-written / bridge',
      value: `${baseline.callsPerInvoice} / ${bridgeSide.callsPerInvoice}`,
    });
    figure({
      case: 'fast',
      measure: '429s, hand-written / bridge',
      value: `${baseline.rateLimited429} / ${bridgeSide.rateLimited429}`,
    });
    figure({
      case: 'fast',
      measure: `bridge: ${check.summary}`,
      value: check.exactlyOnce ? 'exactly 1' : 'not 1',
      target: 'exactly 1',
      pass: check.exactlyOnce,
    });
    if (!check.exactlyOnce) failures += 1;
    if (sqlStatements)
      figure({
        case: 'fast',
        measure: "bridge SQL statements per invoice (the benchmark's polling included)",
        value: sqlStatements.perInvoice,
      });
    figure({
      case: 'fast',
      measure: 'bridge database commits per invoice (job polling included)',
      value: perInvoice(after.commits - before.commits),
    });
    if (baseline.failed + bridgeSide.failed > 0) failures += 1;
  }

  if (CASES.has('rate-limited')) {
    console.log(
      `\n▶ rate-limited Procountor (${EMULATOR_LATENCY_MS} ms, ${RATE_LIMIT_PER_SECOND} req/s), ${RATE_INVOICES} invoices`,
    );
    const database = await freshPostgres();
    const bridge = own(await startBridge(database.connectionString!), (b) => b.stop());
    const connection = await readyConnection(bridge, emulator, known, 'RATE', RATE_LIMIT_PER_SECOND);
    await setEmulatorSettings(emulator, { latencyMs: EMULATOR_LATENCY_MS, rateLimitPerSecond: RATE_LIMIT_PER_SECOND });
    try {
      const baseline = await baselineRun(emulator, companyIban, 'HAND-RATE', known, RATE_INVOICES);
      // The emulator's bucket refills within a second; start the bridge on a full one, as the baseline did.
      await sleep(1_500);
      const bridgeSide = await bridgeRun(bridge, connection, emulator, 'RATE', known, RATE_INVOICES, RATE_SECONDS);
      const boundMs = (RATE_INVOICES / RATE_LIMIT_PER_SECOND) * 1000;
      const overBound = round(bridgeSide.wallMs / boundMs, 3);
      results.rateLimited = {
        baseline,
        bridge: bridgeSide,
        boundMs,
        overBound,
        ratio: round(bridgeSide.wallMs / baseline.wallMs, 2),
      };
      figure({
        case: 'rate-limited',
        measure: 'hand-written wall time',
        value: round(baseline.wallMs / 1000, 1),
        unit: 's',
      });
      figure({
        case: 'rate-limited',
        measure: `bridge wall time (bound ${round(boundMs / 1000, 1)} s)`,
        value: `${round(bridgeSide.wallMs / 1000, 1)}${bridgeSide.capped ? ' (capped)' : ''}`,
        unit: 's',
        target: `≤ ${TARGETS.rateLimitedOverBound} × bound`,
        pass: !bridgeSide.capped && overBound <= TARGETS.rateLimitedOverBound,
      });
      figure({
        case: 'rate-limited',
        measure: 'ratio bridge / hand-written',
        value: round(bridgeSide.wallMs / baseline.wallMs, 2),
      });
      figure({
        case: 'rate-limited',
        measure: 'calls per invoice, hand-written / bridge',
        value: `${baseline.callsPerInvoice} / ${bridgeSide.callsPerInvoice}`,
        target: 'bridge ≤ 1.00',
        pass: bridgeSide.callsPerInvoice <= TARGETS.callsPerInvoice,
      });
      figure({
        case: 'rate-limited',
        measure: '429s, hand-written / bridge',
        value: `${baseline.rateLimited429} / ${bridgeSide.rateLimited429}`,
      });
      if (baseline.failed + bridgeSide.failed > 0) failures += 1;
    } finally {
      await setEmulatorSettings(emulator, { latencyMs: null, rateLimitPerSecond: null });
      await bridge.stop();
    }
  }

  if (CASES.has('databases')) {
    results.databases = {};
    for (const kind of DATABASES) {
      console.log(
        `\n▶ ${kind}: idle latency, ${BATCH_INVOICES}-invoice batch (documents/s, end to end, peak RSS), accepted/s`,
      );
      const database = kind === 'postgres' ? await freshPostgres() : undefined;
      const dataDir =
        kind === 'pglite'
          ? own(await mkdtemp(path.join(tmpdir(), 'bridge-bench-pglite-')), (dir) =>
              rm(dir, { recursive: true, force: true }),
            )
          : undefined;
      const sqlCountFile = values['count-sql']
        ? path.join(await mkdtemp(path.join(tmpdir(), 'bench-sql-')), 'counts.json')
        : undefined;
      const bridge = own(
        await startBridge(database?.connectionString, {
          ...(dataDir ? { dataDir } : {}),
          ...(sqlCountFile ? { nodeArgs: ['--import', SQL_COUNTER], env: { BENCH_SQL_COUNT_FILE: sqlCountFile } } : {}),
        }),
        (b) => b.stop(),
      );
      const rssAtStartMb = bridge.rssMb();
      const memoryAtStart = { ...(await memoryFromMetrics(bridge)), split: bridge.residentSplit() };
      const connection = await readyConnection(bridge, emulator, known, `DB-${kind}`, FAST_CONNECTION_RATE);
      const idle = await idleLatency(bridge, connection, known, kind);
      const memoryBeforeBatch = { ...(await memoryFromMetrics(bridge)), split: bridge.residentSplit() };

      const target = [{ bridge, connection }];
      const rss = new PeakSampler(() => bridge.rssMb(), 100);
      // Every 2 s the process's own split of its memory (V8 heap, external) and its mappings' (WebAssembly memory,
      // malloc arenas…); the one taken at the highest RSS is kept.
      let memoryAtPeak:
        | (Partial<NonNullable<Awaited<ReturnType<typeof memoryFromMetrics>>>> & { split: ResidentSplit })
        | undefined;
      const memoryTimer = setInterval(() => {
        void memoryFromMetrics(bridge)
          .then((memory) => {
            const split = bridge.residentSplit();
            if (split.totalMb >= (memoryAtPeak?.split.totalMb ?? 0)) memoryAtPeak = { ...memory, split };
          })
          .catch(() => {});
      }, 2_000);
      if (sqlCountFile) {
        process.kill(bridge.pid, 'SIGUSR2');
        await sleep(300);
      }
      const cpuBeforeMs = bridge.cpuMs();
      const started = performance.now();
      const deadline = Date.now() + DRAIN_SECONDS * 1000;
      const submitted = await submitBatches(target, invoicesOf(`BATCH-${kind}`, BATCH_INVOICES, known), deadline);
      const earlier = 3 + 1 + LATENCY_SAMPLES;
      const done = await waitUntilDone(target, earlier + submitted.accepted, deadline, 250);
      const sampledPeakMb = rss.stop();
      clearInterval(memoryTimer);
      const peakRssMb = Math.max(sampledPeakMb, bridge.peakRssMb());
      const batchSucceeded = done.succeeded - earlier;
      if (sqlCountFile) {
        process.kill(bridge.pid, 'SIGUSR2');
        await sleep(300);
      }
      const sqlStatements = sqlCountFile ? sqlStatementsPerInvoice(sqlCountFile, batchSucceeded) : undefined;
      const cpuMsPerInvoice = round((bridge.cpuMs() - cpuBeforeMs) / Math.max(1, batchSucceeded), 1);
      const endToEndMs = Math.round(done.doneAt - started);
      const accepted = await acceptance(bridge, connection, known, kind);
      await bridge.stop();

      const batch = {
        invoices: BATCH_INVOICES,
        batchSize: BATCH_SIZE,
        accepted: submitted.accepted,
        submitMs: submitted.submitMs,
        documentsPerSecond: perSecond(submitted.accepted, submitted.submitMs),
        succeeded: batchSucceeded,
        failed: done.failed,
        capped: done.capped || submitted.accepted < BATCH_INVOICES,
        endToEndMs,
        endToEndPerSecond: perSecond(batchSucceeded, endToEndMs),
        rssAtStartMb,
        sampledPeakMb,
        peakRssMb,
        memoryAtStart,
        memoryBeforeBatch,
        memoryAtPeak,
        cpuMsPerInvoice,
        ...(sqlStatements ? { sqlStatements } : {}),
      };
      (results.databases as Record<string, unknown>)[kind] = { idle, batch, acceptance: accepted };
      const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
      figure({
        case: label,
        measure: 'accepted/s (single POST, 16 in flight, workers running)',
        value: accepted.perSecond,
        target: `≥ ${TARGETS.acceptedPerSecond[kind]}`,
        pass: accepted.perSecond >= TARGETS.acceptedPerSecond[kind],
      });
      figure({
        case: label,
        measure: `batch endpoint documents/s (${BATCH_SIZE} a batch)`,
        value: batch.documentsPerSecond,
        ...(kind === 'postgres'
          ? {
              target: `≥ ${TARGETS.batchDocumentsPerSecond.postgres}`,
              pass: batch.documentsPerSecond >= TARGETS.batchDocumentsPerSecond.postgres,
            }
          : {}),
      });
      figure({
        case: label,
        measure: `end to end invoices/s (${batchSucceeded} of ${BATCH_INVOICES}${batch.capped ? `, capped at ${DRAIN_SECONDS} s` : ''})`,
        value: batch.endToEndPerSecond,
        target: `≥ ${TARGETS.endToEndPerSecond[kind]}`,
        pass: batch.endToEndPerSecond >= TARGETS.endToEndPerSecond[kind],
      });
      figure({ case: label, measure: 'idle submit→created p50', value: idle.p50Ms, unit: 'ms' });
      figure({
        case: label,
        measure: 'idle submit→created p95',
        value: idle.p95Ms,
        unit: 'ms',
        target: `< ${TARGETS.idleP95Ms} ms`,
        pass: idle.p95Ms < TARGETS.idleP95Ms,
      });
      figure({
        case: label,
        measure: `peak RSS of the bridge process (${BATCH_INVOICES}-invoice batch; ${rssAtStartMb} MB at start)`,
        value: peakRssMb,
        unit: 'MB',
        target: `< ${TARGETS.peakRssMb[kind]} MB`,
        pass: !batch.capped && peakRssMb < TARGETS.peakRssMb[kind],
      });
      figure({
        case: label,
        measure: 'bridge process CPU per invoice during the batch (all threads; intake, runs, PGlite)',
        value: cpuMsPerInvoice,
        unit: 'ms',
      });
      if (memoryAtPeak) {
        const { split } = memoryAtPeak;
        figure({
          case: label,
          measure:
            'resident at the peak sample: wasm (of its size) / malloc arenas / brk heap / other anonymous / files',
          value: `${split.wasmMb} (${split.wasmSizeMb}) / ${split.mallocArenasMb} / ${split.brkHeapMb} / ${split.otherAnonymousMb} / ${split.filesMb}; V8 heap used ${memoryAtPeak.heapUsedMb} of ${memoryAtPeak.heapTotalMb}, external ${memoryAtPeak.externalMb}`,
          unit: 'MB',
        });
      }
      if (sqlStatements) {
        figure({
          case: label,
          measure:
            'SQL statements per invoice during the batch (intake, runs, job polling, the API reads of the benchmark)',
          value: `${sqlStatements.perInvoice} (${sqlStatements.msPerInvoice} ms to their answers)`,
        });
        console.log(`  ${label}: statement shapes by time per invoice (ms) and count per invoice`);
        for (const top of sqlStatements.top.slice(0, 15)) {
          console.log(
            `    ${String(top.msPerInvoice).padStart(6)} ms ${String(top.perInvoice).padStart(6)} × ${top.shape}`,
          );
        }
      }
      if (done.failed > 0 || accepted.errors > 0) failures += 1;
    }
  }

  if (CASES.has('scale-out')) {
    console.log(
      `\n▶ scale-out on one PostgreSQL: ${PROCESSES.join(', ')} bridge processes, ${SCALE_INVOICES} invoices each step`,
    );
    // Four connections at the highest connection rate, so one connection's rate cap (100 req/s) bounds no step;
    // each process runs IN_FLIGHT workers, each connection allows IN_FLIGHT at once.
    const CONNECTIONS = Math.max(...PROCESSES);
    const steps: Array<Record<string, unknown>> = [];
    let onePerSecond: number | undefined;
    for (const processes of PROCESSES) {
      const database = await freshPostgres();
      const bridges: BridgeChild[] = [];
      for (let index = 0; index < processes; index += 1)
        bridges.push(own(await startBridge(database.connectionString!), (b) => b.stop()));
      const connections = await Promise.all(
        Array.from({ length: CONNECTIONS }, (_, index) =>
          readyConnection(
            bridges[index % processes]!,
            emulator,
            known,
            `SCALE${processes}-${index}`,
            FAST_CONNECTION_RATE,
          ),
        ),
      );
      // Each connection's invoices go to every process in turn, as behind a load balancer.
      const targets = connections.flatMap((connection, c) =>
        bridges.map((_, b) => ({ bridge: bridges[(b + c) % processes]!, connection })),
      );
      const emulatorBefore = await emulatorInvoiceCount(emulator);
      const started = performance.now();
      const deadline = Date.now() + DRAIN_SECONDS * 1000;
      const perConnection = Math.ceil(SCALE_INVOICES / CONNECTIONS);
      const submitted = await Promise.all(
        connections.map((connection, c) =>
          submitBatches(
            targets.filter((t) => t.connection === connection),
            invoicesOf(`SCALE${processes}-${c}`, perConnection, known),
            deadline,
          ),
        ),
      );
      const accepted = submitted.reduce((sum, s) => sum + s.accepted, 0);
      const done = await waitUntilDone(
        connections.map((connection, c) => ({ bridge: bridges[c % processes]!, connection })),
        accepted + connections.length * 3,
        deadline,
        200,
      );
      const wallMs = Math.round(done.doneAt - started);
      const succeeded = done.succeeded - connections.length * 3;
      // Stopped first, so no transfer is between its POST /invoices and recording the id when the counts are read.
      for (const bridge of bridges) await bridge.stop();
      const createdInProcountor = (await emulatorInvoiceCount(emulator)) - emulatorBefore;
      const once = await Promise.all(
        connections.map((connection, c) =>
          transfersAndInvoices(database, [connection.connectionId], `SCALE${processes}-${c}`),
        ),
      );
      const sum = (field: keyof (typeof once)[number]) => once.reduce((total, o) => total + o[field], 0);
      const check = onceCheck(
        createdInProcountor,
        sum('transfers'),
        sum('withProcountorInvoice'),
        sum('distinctProcountorInvoices'),
        accepted,
        done.capped,
      );
      const rate = perSecond(succeeded, wallMs);
      onePerSecond ??= processes === 1 ? rate : undefined;
      const ratio = onePerSecond ? round(rate / onePerSecond, 2) : undefined;
      steps.push({
        processes,
        invoices: accepted,
        succeeded,
        failed: done.failed,
        capped: done.capped,
        wallMs,
        perSecond: rate,
        ratio,
        ...check,
      });
      const scaleTarget = TARGETS.scaleOut[processes];
      const name = `${processes} process${processes > 1 ? 'es' : ''}`;
      figure({
        case: 'scale-out',
        measure: `${name}: invoices/s end to end${ratio !== undefined && processes > 1 ? ` (× ${ratio} of one)` : ''}${done.capped ? ' (capped)' : ''}`,
        value: rate,
        ...(scaleTarget && ratio !== undefined ? { target: `≥ ${scaleTarget} × one`, pass: ratio >= scaleTarget } : {}),
      });
      figure({
        case: 'scale-out',
        measure: `${name}: ${check.summary}`,
        value: check.exactlyOnce ? 'exactly 1' : 'not 1',
        target: 'exactly 1',
        pass: check.exactlyOnce,
      });
      const exactlyOnce = check.exactlyOnce;
      if (done.failed > 0 || !exactlyOnce) failures += 1;
    }
    results.scaleOut = { connections: CONNECTIONS, steps };
  }

  const peakEmulatorRssMb = emulatorRss.stop();
  figure({ case: 'emulator', measure: 'peak RSS of the emulator child', value: peakEmulatorRssMb, unit: 'MB' });
  const cpuProfile = CPU_PROFILE_DIR ? summarizeCpuProfiles(CPU_PROFILE_DIR, 15) : undefined;
  if (cpuProfile) {
    console.log(`\nCPU profile of the bridge child in the fast case (${CPU_PROFILE_DIR}), top self time:`);
    for (const entry of cpuProfile.top)
      console.log(`  ${String(entry.selfPercent).padStart(5)} %  ${entry.function}  ${entry.location}`);
  }

  const table = [
    '| case | measure | value | target | pass |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.case} | ${f.measure} | ${f.value}${f.unit ? ` ${f.unit}` : ''} | ${f.target ?? '—'} | ${f.pass === undefined ? '—' : f.pass ? 'pass' : 'FAIL'} |`,
    ),
  ];
  console.log(`\n${table.join('\n')}`);
  const output = {
    benchmark: 'engine-speed',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    runSeconds: round((performance.now() - runStarted) / 1000, 1),
    setup: {
      quick,
      invoices: INVOICES,
      rateInvoices: RATE_INVOICES,
      batchInvoices: BATCH_INVOICES,
      scaleInvoices: SCALE_INVOICES,
      batchSize: BATCH_SIZE,
      inFlight: IN_FLIGHT,
      fastConnectionRate: FAST_CONNECTION_RATE,
      rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
      emulatorLatencyMs: EMULATOR_LATENCY_MS,
      emulator: 'child process (procountor-emulator --port 0 --seed demo from its sources)',
      bridge: `bench/support/bridge-child.mjs child processes, configured from the environment as npm start, ${values['from-source'] ? 'from the sources under tsx (--from-source)' : 'on the built dist/ as npm start'}${BRIDGE_NODE_ARGS.length > 0 ? ` with node ${BRIDGE_NODE_ARGS.join(' ')}` : ''}; PostgreSQL (DATABASE_URL) or PGlite (no DATABASE_URL, a temporary BRIDGE_DATA_DIR)`,
      baseline:
        'bench/support/hand-written-integration.ts in the benchmark process: per invoice token, partner search, product search, POST /invoices, GET /invoices/{id}; plain fetch; 429 retried after Retry-After',
    },
    targets: TARGETS,
    figures,
    ...results,
    peakEmulatorRssMb,
    ...(cpuProfile ? { cpuProfile } : {}),
  };
  mkdirSync(resolve(RESULTS_PATH, '..'), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nresults written to ${RESULTS_PATH} (${output.runSeconds} s)`);
  if (failures > 0) {
    console.error(`${failures} case(s) had failed transfers, errors or a transfer that did not run exactly once`);
    process.exitCode = 1;
  }
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}
