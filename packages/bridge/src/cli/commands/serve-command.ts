// `bridge serve` and `bridge migrate`: run the service, or only bring the database schema up to date.
import type { Command } from 'commander';
import { runBridgeUntilSignal } from '../../composition/run-until-signal';
import { withCliContext } from '../cli-context';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the bridge (API, workers; demo mode with the emulator when no Procountor credentials are set)')
    .action(async () => {
      await runBridgeUntilSignal();
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit (the server also does this at start)')
    .action(async () => {
      // withCliContext migrates on open; say what the database is at.
      await withCliContext(async ({ db }) => {
        const rows = await db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        process.stdout.write(`Database is up to date (${rows.length} migrations applied).\n`);
      });
    });
}
