// `bridge status --connection <id> [transferId | externalId]`: the transfer list, or one transfer with its timeline.
import type { Command } from 'commander';
import { listTransfers } from '../../transfers/list-transfers';
import { TransferNotFoundError } from '../../transfers/transfer-errors';
import { findTransfer, findTransferByExternalId, listTimeline } from '../../transfers/transfer-repository';
import { toTransferResponse } from '../../transfers/transfer-response';
import { withCliContext } from '../cli-context';
import { printFields, printJson, printTable } from '../print-output';

export function registerStatusCommands(program: Command): void {
  program
    .command('status [transfer]')
    .description("Show a connection's transfers, or one transfer (by id or externalId) with its timeline")
    .requiredOption('--connection <connectionId>', 'the connection')
    .option('--state <states>', 'only these states, comma-separated (e.g. failed,retrying)')
    .option('--limit <n>', 'how many transfers to list', '50')
    .option('--json', 'print JSON')
    .action(
      async (
        transfer: string | undefined,
        options: { connection: string; state?: string; limit: string; json?: boolean },
      ) => {
        await withCliContext(async (context) => {
          await context.connections.get(options.connection);
          if (!transfer) {
            const list = await listTransfers(context.db, options.connection, {
              ...(options.state ? { state: options.state } : {}),
              pageSize: Number(options.limit),
            });
            if (options.json) return printJson(list.items);
            return printTable(
              list.items.map((item) => ({
                ...item,
                invoiceNumber: item.procountor.invoiceNumber,
                error: item.lastError?.code,
              })) as unknown as Record<string, unknown>[],
              ['transferId', 'kind', 'externalId', 'state', 'currentStep', 'invoiceNumber', 'customerName', 'error'],
            );
          }
          const row =
            (await findTransfer(context.db, transfer)) ??
            (await findTransferByExternalId(context.db, options.connection, 'sales_invoice', transfer)) ??
            (await findTransferByExternalId(context.db, options.connection, 'credit_invoice', transfer));
          if (!row || row.connection_id !== options.connection) throw new TransferNotFoundError(`Transfer ${transfer}`);
          const detail = toTransferResponse(row, await listTimeline(context.db, row.id));
          if (options.json) return printJson(detail);
          printFields({
            transfer: detail.transferId,
            externalId: detail.externalId,
            state: detail.state,
            step: detail.currentStep,
            'Procountor invoice': detail.procountor.invoiceNumber,
            reference: detail.procountor.referenceCode,
            error: detail.lastError ? `${detail.lastError.message} What to do: ${detail.lastError.fix}` : null,
          });
          for (const event of detail.timeline ?? []) process.stdout.write(`  ${event.at}  ${event.message}\n`);
        });
      },
    );
}
