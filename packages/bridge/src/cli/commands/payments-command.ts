// `bridge payments …`: subscribe a connection to Procountor's payment webhooks, reconcile its payments now, show one
// document's payment state (docs/payments.md).
import type { Command } from 'commander';
import { QUEUE_NAMES } from '../../jobs/queue-names';
import { paymentStateOfTransfer } from '../../payments/payment-state';
import {
  subscribeProcountorWebhook,
  unsubscribeProcountorWebhook,
} from '../../payments/procountor-webhook-subscription';
import { runPaymentReconcile } from '../../payments/reconcile-payments';
import { loadSecretKey } from '../../secrets/load-secret-key';
import { findTransferByExternalId } from '../../transfers/transfer-repository';
import { CliError, withCliContext, withJobQueue } from '../cli-context';
import { printFields, printJson, printTable } from '../print-output';

export function registerPaymentsCommands(program: Command): void {
  const payments = program
    .command('payments')
    .description('Payments back to the source: Procountor webhooks, reconciliation, payment state (issue #6)');

  payments
    .command('subscribe')
    .description("Subscribe the connection to Procountor's payment webhooks (HMAC); again is harmless")
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--url <url>', 'the receiver URL (default {BRIDGE_PUBLIC_URL}/hooks/procountor/{connectionId})')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; url?: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        const { key } = await loadSecretKey(context.config);
        const subscription = await subscribeProcountorWebhook(
          { db: context.db, secretKey: key, connections: context.connections, publicUrl: context.config.publicUrl },
          options.connection,
          options.url ? { url: options.url } : {},
        );
        return options.json ? printJson(subscription) : printFields({ ...subscription });
      });
    });

  payments
    .command('unsubscribe')
    .description("Remove the connection's webhook at Procountor; payments then arrive by reconciliation only")
    .requiredOption('--connection <connectionId>', 'the connection')
    .action(async (options: { connection: string }) => {
      await withCliContext(async (context) => {
        const { key } = await loadSecretKey(context.config);
        const removed = await unsubscribeProcountorWebhook(
          { db: context.db, secretKey: key, connections: context.connections, publicUrl: context.config.publicUrl },
          options.connection,
        );
        if (!removed) throw new CliError(`connection ${options.connection} has no Procountor webhook subscription`);
        process.stdout.write('unsubscribed\n');
      });
    });

  payments
    .command('reconcile')
    .description("Poll Procountor now, in this process, for payments of the connection's open invoices")
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; json?: boolean }) => {
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        const result = await withJobQueue(context, [QUEUE_NAMES.paymentReconcile], (jobs) =>
          runPaymentReconcile(
            { db: context.db, jobs, connections: context.connections, logger: context.logger },
            { connectionId: options.connection },
          ).catch((error: unknown) => {
            throw new CliError(error instanceof Error ? error.message : String(error));
          }),
        );
        return options.json ? printJson(result) : printFields({ ...result });
      });
    });

  payments
    .command('status')
    .description("A document's payment state: total, paid, open and each payment")
    .requiredOption('--connection <connectionId>', 'the connection')
    .requiredOption('--external-id <externalId>', "the document's id in the source")
    .option('--credit', 'a credit invoice (default a sales invoice)')
    .option('--json', 'print JSON')
    .action(async (options: { connection: string; externalId: string; credit?: boolean; json?: boolean }) => {
      await withCliContext(async (context) => {
        const kind = options.credit ? 'credit_invoice' : 'sales_invoice';
        const transfer = await findTransferByExternalId(context.db, options.connection, kind, options.externalId);
        if (!transfer) throw new CliError(`document ${options.externalId} not found`);
        const state = await paymentStateOfTransfer(context.db, transfer);
        if (options.json) return printJson(state);
        const { payments: list, ...totals } = state;
        printFields(totals);
        printTable(list as unknown as Record<string, unknown>[], [
          'procountorPaymentEventId',
          'amount',
          'paymentDate',
          'procountorStatus',
          'origin',
        ]);
      });
    });
}
