// `bridge registers …`: sync Procountor's registers into the bridge (with a progress line), show runs, list records.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { pushCustomer } from '../../business-partners/push-customers';
import { setDimensionItem } from '../../dimensions/set-dimension-item';
import { pushProduct } from '../../products/push-products';
import {
  DimensionItemsBody,
  PushProductsBody,
  pushEach,
  requireValidPushedCustomers,
} from '../../registers/push-routes';
import { REGISTERS, type RegisterName, registerFromPathSegment } from '../../registers/register-kinds';
import { listRegisterRecords, maskPersonIdentifier } from '../../registers/register-records';
import { runRegisterSync } from '../../registers/run-register-sync';
import { saveSyncSchedule } from '../../registers/start-register-sync-workers';
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
          // Personal identity codes are masked in every output, JSON too, as the API masks them.
          const results = page.results.map(maskPersonIdentifier);
          if (options.json) return printJson({ ...page, results });
          printTable(results as unknown as Record<string, unknown>[], [
            'procountorId',
            'code',
            'name',
            'identifier',
            'active',
          ]);
          process.stdout.write(`${results.length} of ${page.total}\n`);
        });
      },
    );

  registers
    .command('schedule')
    .description('Sync the registers incrementally every N minutes (a running server with workers does it), or off')
    .requiredOption('--connection <connectionId>', 'the connection')
    .requiredOption('--every <minutes|off>', '5 to 10080 minutes, or off')
    .action(async (options: { connection: string; every: string }) => {
      const minutes = options.every === 'off' ? null : Number(options.every);
      if (minutes !== null && (!Number.isInteger(minutes) || minutes < 5 || minutes > 10_080)) {
        throw new CliError(`--every '${options.every}': give whole minutes from 5 to 10080, or off`);
      }
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        await saveSyncSchedule(context.db, options.connection, minutes);
        if (minutes === null) {
          process.stdout.write('schedule removed\n');
          return;
        }
        // The server's workers book the first run when they start (start-register-sync-workers.ts).
        process.stdout.write(`every ${minutes} minutes (from the next server start, or at once through the API)\n`);
      });
    });

  registers
    .command('push')
    .description('Create or update customers, products or dimension items in Procountor from a JSON file')
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--customers <file>', 'a JSON array of customers (the invoice customer shape)')
    .option(
      '--products <file>',
      'a JSON array of { code, name, unit?, unitPrice?, vatPercent?, salesAccount?, active? }',
    )
    .option(
      '--dimension-items <file>',
      'a JSON array of { kind: project|costCenter|businessUnit, code, name?, active }',
    )
    .option('--json', 'print JSON')
    .action(
      async (options: {
        connection: string;
        customers?: string;
        products?: string;
        dimensionItems?: string;
        json?: boolean;
      }) => {
        const readJson = async (file: string): Promise<unknown> => {
          try {
            return JSON.parse(await readFile(file, 'utf8'));
          } catch (error) {
            throw new CliError(`${file}: ${(error as Error).message}`);
          }
        };
        const read = async <T>(file: string, schema: TSchema, field: string): Promise<T[]> => {
          const items = await readJson(file);
          const body = { [field]: items };
          const [first] = [...Value.Errors(schema, body)];
          if (first)
            throw new CliError(`${file}: ${first.instancePath.replace(`/${field}`, '') || '/'} ${first.message}`);
          return items as T[];
        };
        if (!options.customers && !options.products && !options.dimensionItems) {
          throw new CliError('give --customers, --products or --dimension-items');
        }
        await withCliContext(async (context) => {
          const connection = await context.connections.requireActive(options.connection);
          const push = { db: context.db, connection, client: await context.connections.procountorClient(connection) };
          const outcomes = [];
          if (options.customers) {
            // The API's checks, by the same function: a customer the API would refuse is refused here too.
            const customers = requireValidPushedCustomers({ customers: await readJson(options.customers) });
            outcomes.push(
              await pushEach(
                customers,
                (customer) => customer.customerNumber ?? customer.businessId ?? customer.name,
                (customer) => pushCustomer(push, customer),
              ),
            );
          }
          if (options.products) {
            const products = await read<{ code: string; name: string }>(options.products, PushProductsBody, 'products');
            outcomes.push(
              await pushEach(
                products,
                (product) => product.code,
                (product) => pushProduct(push, product),
              ),
            );
          }
          if (options.dimensionItems) {
            const items = await read<Parameters<typeof setDimensionItem>[1]>(
              options.dimensionItems,
              DimensionItemsBody,
              'items',
            );
            outcomes.push(
              await pushEach(
                items,
                (item) => `${item.kind}:${item.code}`,
                (item) => setDimensionItem(push, item),
              ),
            );
          }
          const results = outcomes.flatMap((outcome) => outcome.results);
          if (options.json) printJson(results);
          else
            printTable(results as unknown as Record<string, unknown>[], [
              'sourceKey',
              'outcome',
              'procountorId',
              'message',
            ]);
          if (results.some((result) => result.outcome === 'failed')) process.exitCode = 1;
        });
      },
    );
}
