// `bridge tokens …`: create (shown once), list and revoke API tokens, on the server's database.
import type { Command } from 'commander';
import { withCliContext } from '../cli-context';
import { printJson, printTable } from '../print-output';

export function registerTokensCommands(program: Command): void {
  const tokens = program.command('tokens').description('Manage API tokens');

  tokens
    .command('create')
    .description('Create an admin token, or with --connection a token for one connection; printed once')
    .requiredOption('--name <name>', 'who or what uses the token')
    .option('--connection <connectionId>', 'scope the token to this connection')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withCliContext(async (context) => {
        const { token, record } = await context.apiTokens.create({
          name: options.name,
          connectionId: options.connection,
        });
        if (options.json) printJson({ token, apiToken: record });
        else {
          process.stdout.write(`${token}\n`);
          process.stderr.write(`Created ${record.scope} token ${record.id}. It is shown only now: store it.\n`);
        }
      });
    });

  tokens
    .command('list')
    .description('List API tokens (never the tokens themselves)')
    .option('--all', 'include revoked tokens')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withCliContext(async (context) => {
        const records = await context.apiTokens.list({ includeRevoked: Boolean(options.all) });
        if (options.json) printJson(records);
        else
          printTable(records as unknown as Record<string, unknown>[], [
            'id',
            'name',
            'scope',
            'connectionId',
            'prefix',
            'lastUsedAt',
            'revokedAt',
          ]);
      });
    });

  tokens
    .command('revoke <tokenId>')
    .description('Revoke a token; it stops working at once')
    .action(async (tokenId: string) => {
      await withCliContext(async (context) => {
        await context.apiTokens.revoke(tokenId);
        process.stdout.write(`Revoked token ${tokenId}.\n`);
      });
    });
}
