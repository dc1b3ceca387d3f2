// `bridge links …`: the linking page on the command line: list with suggestions, link, accept, reject,
// unlink, auto-link; for customers (business partners) or products.
import type { Command } from 'commander';
import { acceptSuggestion, autoLink, linkByHand, rejectSuggestion, unlink } from '../../registers/link-actions';
import { listLinkRows } from '../../registers/link-suggestions';
import type { SourceRecordKind } from '../../storage/tables/register-tables';
import { CliError, withCliContext } from '../cli-context';
import { printJson, printTable } from '../print-output';

function kindOf(value: string): SourceRecordKind {
  if (value === 'customer' || value === 'customers') return 'customer';
  if (value === 'product' || value === 'products') return 'product';
  throw new CliError(`--kind '${value}': use customer or product`);
}

function procountorIdOf(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw new CliError(`--procountor-id '${value}': give a Procountor id (a number)`);
  return id;
}

interface LinkOptions {
  connection: string;
  kind: string;
  json?: boolean;
}

export function registerLinksCommands(program: Command): void {
  const links = program
    .command('links')
    .description("Link the source's customers and products to Procountor's (docs/master-data.md)");
  const withKind = (command: Command) =>
    command
      .requiredOption('--connection <connectionId>', 'the connection')
      .option('--kind <kind>', 'customer or product', 'customer')
      .option('--json', 'print JSON');

  withKind(links.command('list'))
    .description('Source records with their link, or their suggestions (best first)')
    .option('--status <status>', 'all, linked or unlinked', 'all')
    .option('--search <words>', 'words in the name, code or identifier')
    .action(async (options: LinkOptions & { status: string; search?: string }) => {
      if (!['all', 'linked', 'unlinked'].includes(options.status)) {
        throw new CliError(`--status '${options.status}': use all, linked or unlinked`);
      }
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        const page = await listLinkRows(context.db, options.connection, kindOf(options.kind), {
          status: options.status as 'all' | 'linked' | 'unlinked',
          search: options.search,
          page: 0,
          size: 200,
        });
        if (options.json) return printJson(page);
        printTable(
          page.results.map((row) => ({
            sourceKey: row.sourceKey,
            name: row.source.name,
            linkedTo: row.link ? `${row.link.procountorId} ${row.link.record?.name ?? ''} (${row.link.origin})` : '',
            suggestions: row.suggestions
              .slice(0, 3)
              .map((suggestion) => `${suggestion.procountorId} ${suggestion.record.name} ${suggestion.score}`)
              .join('; '),
          })),
          ['sourceKey', 'name', 'linkedTo', 'suggestions'],
        );
        process.stdout.write(`${page.results.length} of ${page.total}\n`);
      });
    });

  for (const [name, description, action] of [
    ['link', 'Link a source record to a Procountor record by hand', linkByHand],
    ['accept', 'Accept a suggestion', acceptSuggestion],
  ] as const) {
    withKind(links.command(name))
      .description(description)
      .requiredOption('--source-key <key>', 'e.g. number:1001, business-id:1234567-8, or a product code')
      .requiredOption('--procountor-id <id>', "the Procountor partner's or product's id")
      .action(async (options: LinkOptions & { sourceKey: string; procountorId: string }) => {
        await withCliContext(async (context) => {
          await context.connections.get(options.connection);
          const link = await action(
            context.db,
            options.connection,
            kindOf(options.kind),
            options.sourceKey,
            procountorIdOf(options.procountorId),
          );
          if (options.json) return printJson(link);
          process.stdout.write(`${link.sourceKey} linked to ${link.procountorId} (${link.origin})\n`);
        });
      });
  }

  withKind(links.command('reject'))
    .description('Reject a suggestion: it is not suggested again')
    .requiredOption('--source-key <key>', 'the source record')
    .requiredOption('--procountor-id <id>', 'the suggested Procountor id')
    .action(async (options: LinkOptions & { sourceKey: string; procountorId: string }) => {
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        await rejectSuggestion(
          context.db,
          options.connection,
          kindOf(options.kind),
          options.sourceKey,
          procountorIdOf(options.procountorId),
        );
        process.stdout.write('rejected\n');
      });
    });

  withKind(links.command('unlink'))
    .description('Remove the link of a source record')
    .requiredOption('--source-key <key>', 'the source record')
    .action(async (options: LinkOptions & { sourceKey: string }) => {
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        await unlink(context.db, options.connection, kindOf(options.kind), options.sourceKey);
        process.stdout.write('unlinked\n');
      });
    });

  withKind(links.command('auto'))
    .description('Link every record whose best suggestion scores ≥ 0.9 with no close second')
    .action(async (options: LinkOptions) => {
      await withCliContext(async (context) => {
        await context.connections.get(options.connection);
        const result = await autoLink(context.db, options.connection, kindOf(options.kind));
        if (options.json) return printJson(result);
        for (const link of result.linked) process.stdout.write(`${link.sourceKey} → ${link.procountorId}\n`);
        process.stdout.write(`${result.linked.length} linked, ${result.left} left for a person\n`);
      });
    });
}
