// Preloaded into a bridge child by the engine benchmark (`--count-sql`, node --import): counts the SQL statements the
// process sends through node-postgres (Kysely and pg-boss both use it), by statement shape, and writes the counts to
// BENCH_SQL_COUNT_FILE when the process exits. Only the benchmark loads it; the bridge knows nothing of it.
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const counts = new Map<string, number>();
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;

/** The statement's shape: whitespace collapsed, literals and parameters left as they are, cut at 160 characters. */
function shapeOf(query: unknown): string {
  const text = typeof query === 'string' ? query : ((query as { text?: string } | undefined)?.text ?? '(other)');
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

pg.Client.prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
  const shape = shapeOf(args[0]);
  counts.set(shape, (counts.get(shape) ?? 0) + 1);
  return original.apply(this, args);
} as typeof pg.Client.prototype.query;

function write(file: string): void {
  const statements = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([shape, count]) => ({ shape, count }));
  const total = statements.reduce((sum, statement) => sum + statement.count, 0);
  writeFileSync(file, `${JSON.stringify({ total, statements }, null, 2)}\n`);
}

const file = process.env.BENCH_SQL_COUNT_FILE;
if (file) {
  // SIGUSR2 from the benchmark marks the start of the measured window: the counts so far go to <file>.start.
  process.on('SIGUSR2', () => write(`${file}.start`));
  process.on('exit', () => write(file));
}
