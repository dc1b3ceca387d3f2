// Preloaded into a bridge child by the engine benchmark (`--count-sql`, node --import): counts the SQL statements the
// process sends, by statement shape, and the time each shape took until its answer, through node-postgres (Kysely
// and pg-boss both use it) and through PGlite (`query`, and `exec` for parameterless text). Writes the counts to
// BENCH_SQL_COUNT_FILE. Only the benchmark loads it; the bridge knows nothing of it.
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const counts = new Map<string, { count: number; ms: number }>();

/** The statement's shape: whitespace collapsed, literals and parameters left as they are, cut at 160 characters. */
function shapeOf(query: unknown): string {
  const text = typeof query === 'string' ? query : ((query as { text?: string } | undefined)?.text ?? '(other)');
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

function tally(shape: string, started: number): void {
  const entry = counts.get(shape) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += performance.now() - started;
  counts.set(shape, entry);
}

/** Replaces `owner[name]` by a version that counts and times each call whose first argument is the statement. */
function countCalls(owner: Record<string, unknown>, name: string): void {
  const original = owner[name] as (...args: unknown[]) => unknown;
  owner[name] = function counted(this: unknown, ...args: unknown[]) {
    const shape = shapeOf(args[0]);
    const started = performance.now();
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      return result.finally(() => tally(shape, started));
    }
    // node-postgres's callback form (pg-boss does not use it); counted without its time.
    tally(shape, started);
    return result;
  };
}

countCalls(pg.Client.prototype as unknown as Record<string, unknown>, 'query');
countCalls(PGlite.prototype as unknown as Record<string, unknown>, 'query');
countCalls(PGlite.prototype as unknown as Record<string, unknown>, 'exec');

function write(file: string): void {
  const statements = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([shape, { count, ms }]) => ({ shape, count, ms: Math.round(ms) }));
  const total = statements.reduce((sum, statement) => sum + statement.count, 0);
  writeFileSync(file, `${JSON.stringify({ total, statements }, null, 2)}\n`);
}

const file = process.env.BENCH_SQL_COUNT_FILE;
if (file) {
  // SIGUSR2 from the benchmark marks the start of the measured window (the counts so far go to <file>.start), a
  // second one its end (<file>); without a second one, the counts at exit go to <file>.
  let signals = 0;
  process.on('SIGUSR2', () => {
    signals += 1;
    if (signals === 1) write(`${file}.start`);
    if (signals === 2) write(file);
  });
  process.on('exit', () => {
    if (signals < 2) write(file);
  });
}
