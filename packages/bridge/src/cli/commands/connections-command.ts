// `bridge connections …`: add, list, show, activate, disable, enable, delete and set a setting, on the server's database.
import type { Command } from 'commander';
import type { ProcountorEnvironmentName } from '../../connections/connection-record';
import { toConnectionResponse } from '../../connections/connection-schemas';
import { CliError, withCliContext } from '../cli-context';
import { printFields, printJson, printTable } from '../print-output';

const ENVIRONMENTS = ['production', 'test', 'custom'];

/** A setting's value from the command line: JSON when it parses (true, 5, ["a"]), else the text itself. */
function parseSettingValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function registerConnectionsCommands(program: Command): void {
  const connections = program.command('connections').description('Manage Procountor connections');

  connections
    .command('add')
    .description('Create a draft connection (then run: bridge connections activate <id>)')
    .requiredOption('--name <name>', 'a unique name, e.g. the customer company')
    .requiredOption('--client-id <id>', 'the client identifier Procountor issued for the integration')
    .requiredOption('--client-secret <secret>', 'the client secret')
    .requiredOption('--api-key <key>', "the company's API key")
    .option('--environment <environment>', 'production, test or custom', 'test')
    .option('--base-url <url>', 'Procountor API base URL (required for custom)')
    .option('--json', 'print JSON')
    .action(async (options) => {
      if (!ENVIRONMENTS.includes(options.environment)) {
        throw new CliError(`--environment '${options.environment}': use production, test or custom`);
      }
      await withCliContext(async (context) => {
        const created = await context.connections.create({
          name: options.name,
          environment: options.environment as ProcountorEnvironmentName,
          baseUrl: options.baseUrl,
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          apiKey: options.apiKey,
        });
        if (options.json) printJson(toConnectionResponse(created));
        else process.stdout.write(`Created connection ${created.id} (${created.name}), status draft.\n`);
      });
    });

  connections
    .command('list')
    .description('List connections')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withCliContext(async (context) => {
        const list = (await context.connections.list()).map(toConnectionResponse);
        if (options.json) printJson(list);
        else printTable(list, ['id', 'name', 'status', 'environment', 'companyName', 'apiKeyMasked']);
      });
    });

  connections
    .command('show <connectionId>')
    .description('Show one connection with its settings')
    .option('--json', 'print JSON')
    .action(async (connectionId: string, options) => {
      await withCliContext(async (context) => {
        const connection = toConnectionResponse(await context.connections.get(connectionId));
        if (options.json) printJson(connection);
        else printFields(connection);
      });
    });

  for (const action of ['activate', 'disable', 'enable'] as const) {
    connections
      .command(`${action} <connectionId>`)
      .description(
        action === 'activate'
          ? 'Check the credentials against Procountor and activate'
          : action === 'disable'
            ? 'Stop accepting and sending documents'
            : 'Enable a disabled connection',
      )
      .action(async (connectionId: string) => {
        await withCliContext(async (context) => {
          const connection = await context.connections[action](connectionId);
          const company = connection.companyName
            ? ` — ${connection.companyName} (${connection.companyBusinessId})`
            : '';
          process.stdout.write(`Connection ${connection.id} is ${connection.status}${company}.\n`);
        });
      });
  }

  connections
    .command('delete <connectionId>')
    .description('Delete a connection with its tokens and transfers in the bridge (nothing in Procountor)')
    .action(async (connectionId: string) => {
      await withCliContext(async (context) => {
        await context.connections.delete(connectionId);
        process.stdout.write(`Deleted connection ${connectionId}.\n`);
      });
    });

  connections
    .command('set <connectionId> <key> <value>')
    .description('Change one setting (value as JSON, e.g. 2, true, "manual"; null resets it to its default)')
    .action(async (connectionId: string, key: string, value: string) => {
      await withCliContext(async (context) => {
        const connection = await context.connections.update(connectionId, {
          settings: { [key]: parseSettingValue(value) },
        });
        const now = (connection.settings as Record<string, unknown>)[key];
        process.stdout.write(`${key} = ${JSON.stringify(now)} on connection ${connection.id}.\n`);
      });
    });
}
