// `bridge next-invoice-number --connection <id>`: the number Procountor will most likely give the connection's next
// sales invoice, read from Procountor now (docs/transfers.md "The next invoice number").
import type { Command } from 'commander';
import { withProcountorErrors } from '../../purchase-invoices/procountor-request-failed';
import { createNextInvoiceNumberPredictor } from '../../sales-invoices/next-invoice-number';
import { withCliContext } from '../cli-context';
import { printFields, printJson } from '../print-output';

export function registerNextInvoiceNumberCommands(program: Command): void {
  program
    .command('next-invoice-number')
    .description("Show the number Procountor will most likely give the connection's next sales invoice (a prediction)")
    .requiredOption('--connection <connectionId>', 'the connection (active)')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        const predictor = createNextInvoiceNumberPredictor({ db: context.db, connections: context.connections });
        const next = await withProcountorErrors('The next invoice number could not be read', () =>
          predictor.predict(options.connection, { fresh: true }),
        );
        if (options.json) return printJson(next);
        printFields({
          'next invoice number': next.predictedInvoiceNumber ?? 'unknown',
          'how it was found': next.howFound,
          limits: next.limits,
          'read at': next.readAt,
        });
      });
    });
}
