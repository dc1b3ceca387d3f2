// `bridge bills watch --connection <id>`: look for new bills in Procountor now, in this process, and announce each
// once as bill.received (docs/purchase-invoices.md "New bills"); the server's workers deliver the events.
import type { Command } from 'commander';
import { watchReceivedBills } from '../../bills/watch-received-bills';
import { withProcountorErrors } from '../../purchase-invoices/procountor-request-failed';
import { withCliContext, withJobQueue } from '../cli-context';
import { printFields, printJson } from '../print-output';

export function registerBillsCommands(program: Command): void {
  const bills = program.command('bills').description('Bills received in Procountor: announce new ones to the source');

  bills
    .command('watch')
    .description('Look for new bills in Procountor now; each is announced once (bill.received)')
    .requiredOption('--connection <connectionId>', 'the connection (active)')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        await context.connections.requireActive(options.connection);
        const result = await withJobQueue(context, [], (jobs) =>
          withProcountorErrors('The bill watch stopped', () =>
            watchReceivedBills(
              { db: context.db, jobs, connections: context.connections, logger: context.logger },
              options.connection,
            ),
          ),
        );
        return options.json ? printJson(result) : printFields({ ...result });
      });
    });
}
