// `bridge registers …`: sync Procountor's registers into the bridge (with a progress line), show runs, list records.
import type { Command } from 'commander';
import { REGISTERS, type RegisterName, registerFromPathSegment } from '../../registers/register-kinds';
import { listRegisterRecords } from '../../registers/register-records';
import { runRegisterSync } from '../../registers/run-register-sync';
import { findSyncRun, insertSyncRun, listSyncRuns, type SyncRun } from '../../registers/sync-runs';
import type { RegisterCounts } from '../../storage/tables/register-tables';
import { CliError, withCliContext } from '../cli-context';
import { printFields, printJson, printTable } from '../print-output';

function parseRegisters(list: string | undefined): RegisterName[] {
  if (!list) return [...REGISTERS];
  return list.split(',').map((name) => {
    const register = registerFromPathSegment(name.trim());
    if (!register) throw new CliError(`'${name}' is not a register; use ${REGISTERS.join(', ')}`);
    return register;
  });
}

function progressLine(counts: Record<string, RegisterCounts>, register: string): string {
  const current = counts[register];
  const done = Object.values(counts).filter((entry) => entry.done).length;
  return `[${done}/${Object.keys(counts).length}] ${register}: ${current?.fetched ?? 0} read, ${current?.created ?? 0} created, ${current?.updated ?? 0} updated, ${current?.unchanged ?? 0} unchanged, ${current?.failed ?? 0} failed`;
}

function printRun(run: SyncRun): void {
  printFields({
    run: run.id,
    state: run.state,
    mode: run.mode,
    trigger: run.trigger,
    'Procountor calls': run.procountorCalls,
    started: run.startedAt,
    finished: run.finishedAt,
  });
  printTable(
    Object.entries(run.counts).map(([register, counts]) => ({ register, ...counts })),
    ['register', 'created', 'updated', 'unchanged', 'failed', 'inactivated', 'fetched', 'calls'],
  );
  for (const error of run.errors) process.stdout.write(`  error: ${error.register}: ${error.message}\n`);
}

export function registerRegistersCommands(program: Command): void {
  const registers = program.command('registers').description("Procountor's registers kept by the bridge (issue #5)");

  registers
    .command('sync')
    .description('Read the registers from Procountor now, in this process, showing progress; ends with the counts')
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--full', 'read every register whole (default: incremental where Procountor offers versionStartDate)')
    .option('--registers <names>', `comma-separated, e.g. business-partners,products (default all)`)
    .option('--json', 'print the finished run as JSON')
    .action(async (options: { connection: string; full?: boolean; registers?: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        const connection = await context.connections.get(options.connection);
        if (connection.status !== 'active') throw new CliError(`connection ${connection.id} is ${connection.status}`);
        const runId = await insertSyncRun(context.db, {
          connectionId: connection.id,
          mode: options.full ? 'full' : 'incremental',
          trigger: 'on_demand',
          registers: parseRegisters(options.registers),
        });
        const interactive = process.stderr.isTTY && !options.json;
        const run = await runRegisterSync(
          {
            db: context.db,
            connections: context.connections,
            logger: context.logger,
            onProgress: (counts, register) => {
              const line = progressLine(counts, register);
              process.stderr.write(interactive ? `\r\u001b[2K${line}` : `${line}\n`);
            },
          },
          runId,
        );
        if (interactive) process.stderr.write('\n');
        if (!run) throw new CliError(`sync run ${runId} disappeared`);
        if (options.json) printJson(run);
        else printRun(run);
        if (run.state === 'failed') process.exitCode = 1;
      });
    });

  registers
    .command('runs')
    .description('The latest sync runs of a connection, or one run with its counts and errors')
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--run <runId>', 'show this run')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; run?: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        if (options.run) {
          const run = await findSyncRun(context.db, options.run);
          if (!run || run.connectionId !== options.connection) throw new CliError(`sync run ${options.run} not found`);
          return options.json ? printJson(run) : printRun(run);
        }
        const runs = await listSyncRuns(context.db, options.connection, 20);
        if (options.json) return printJson(runs);
        printTable(runs.map((run) => ({ ...run, ...run.totals })) as unknown as Record<string, unknown>[], [
          'id',
          'state',
          'mode',
          'trigger',
          'created',
          'updated',
          'unchanged',
          'failed',
          'procountorCalls',
          'createdAt',
        ]);
      });
    });

  registers
    .command('list <register>')
    .description('Records of one register (business-partners, products, dimension-items, ledger-accounts …)')
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--search <words>', 'words in name, code or identifier')
    .option('--page <n>', '0-based page', '0')
    .option('--size <n>', 'page size', '50')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { connection: string; search?: string; page: string; size: string; json?: boolean },
      ) => {
        const register = registerFromPathSegment(name);
        if (!register) throw new CliError(`'${name}' is not a register; use ${REGISTERS.join(', ')}`);
        await withCliContext(async (context) => {
          await context.connections.get(options.connection);
          const page = await listRegisterRecords(context.db, options.connection, register, {
            search: options.search,
            page: Number(options.page),
            size: Number(options.size),
          });
          if (options.json) return printJson(page);
          printTable(
            page.results.map((record) => ({
              ...record,
              identifier:
                register === 'persons' && record.identifier
                  ? `******${record.identifier.slice(-4)}`
                  : record.identifier,
            })) as unknown as Record<string, unknown>[],
            ['procountorId', 'code', 'name', 'identifier', 'active'],
          );
          process.stdout.write(`${page.results.length} of ${page.total}\n`);
        });
      },
    );
}
