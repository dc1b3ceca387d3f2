// `bridge send <file.json | folder | file.csv> --connection <id>`: submits documents as the API would, with progress.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { BridgeError } from '../../errors/bridge-error';
import { createJobQueue } from '../../jobs/create-job-queue';
import { QUEUE_NAMES } from '../../jobs/queue-names';
import { salesInvoicesFromCsv } from '../../sales-invoices/sales-invoices-from-csv';
import { submitSalesInvoice } from '../../sales-invoices/submit-sales-invoice';
import { InvalidJsonError, parseJsonBody } from '../../server/json-body-parser';
import { CliError, withCliContext } from '../cli-context';
import { printJson, printTable } from '../print-output';

/** A JSON file holds one document, an array of them, or `{ "documents": [...] }` (the batch API's body). */
function documentsOfJson(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { documents?: unknown }).documents)) {
    return (value as { documents: unknown[] }).documents;
  }
  return [value];
}

async function readDocuments(target: string): Promise<unknown[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new CliError(`${target}: no such file or folder`);
  if (info.isDirectory()) {
    const names = (await readdir(target)).filter((name) => /\.(json|csv)$/i.test(name)).sort();
    const documents = [];
    for (const name of names) documents.push(...(await readDocuments(path.join(target, name))));
    return documents;
  }
  const content = await readFile(target, 'utf8');
  if (/\.csv$/i.test(target)) return salesInvoicesFromCsv(content);
  try {
    // As the API reads a body: a BOM skipped, the line and column of a syntax error named.
    return documentsOfJson(parseJsonBody(content));
  } catch (error) {
    if (!(error instanceof InvalidJsonError)) throw error;
    throw new CliError(`${target}: not valid JSON, ${error.details[0]?.message}`);
  }
}

export function registerSendCommands(program: Command): void {
  program
    .command('send <path>')
    .description('Submit sales invoices from a JSON file, a folder of JSON/CSV files, or a CSV (one line per row)')
    .requiredOption('--connection <connectionId>', 'the connection that receives them')
    .option('--json', 'print the result of each document as JSON')
    .action(async (target: string, options: { connection: string; json?: boolean }) => {
      const documents = await readDocuments(target);
      await withCliContext(async (context) => {
        // The transfers run in the server's workers: the CLI only stores them and their jobs.
        const jobs = createJobQueue(context.db, context.config, { logger: context.logger, runMaintenance: false });
        await jobs.start();
        try {
          await jobs.createQueue(QUEUE_NAMES.transferRun);
          const deps = { db: context.db, jobs, connections: context.connections, logger: context.logger };
          await context.connections.requireActive(options.connection);
          const bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: 'Sending [{bar}] {value}/{total} documents' },
            cliProgress.Presets.shades_classic,
          );
          if (!options.json) bar.start(documents.length, 0);
          const results = [];
          for (const [index, document] of documents.entries()) {
            const externalId = (document as { externalId?: unknown } | null)?.externalId ?? null;
            try {
              const { statusCode, body } = await submitSalesInvoice(deps, options.connection, document, {
                mode: 'create',
              });
              const accepted = body as { transferId: string; state: string };
              results.push({
                index,
                externalId,
                result: statusCode === 202 ? 'accepted' : 'already there',
                ...accepted,
              });
            } catch (error) {
              if (!(error instanceof BridgeError)) throw error;
              const problems = error.details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
              results.push({
                index,
                externalId,
                result: 'rejected',
                error: problems || error.message,
                code: error.code,
              });
            }
            if (!options.json) bar.increment();
          }
          if (!options.json) bar.stop();
          if (options.json) printJson(results);
          else
            printTable(results as Record<string, unknown>[], [
              'index',
              'externalId',
              'result',
              'transferId',
              'state',
              'error',
            ]);
          const rejected = results.filter((result) => result.result === 'rejected').length;
          process.stderr.write(`${documents.length - rejected} accepted, ${rejected} rejected.\n`);
          if (rejected > 0) process.exitCode = 1;
        } finally {
          await jobs.stop({ timeoutMs: 1_000 });
        }
      });
    });
}
