// `bridge users …`: the admin console's local users: add, list, remove, and set a new password.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { createConsoleUserService } from '../../console-users/console-user-service';
import { withCliContext } from '../cli-context';
import { printJson, printTable } from '../print-output';

/** The password from stdin (`--password-stdin`, e.g. `echo "$PW" | bridge users add anna --password-stdin`). */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Without --password-stdin a random password is made and printed once (stdout), so none is typed into shell history. */
async function passwordOf(options: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: await readPasswordFromStdin(), generated: false };
  return { password: randomBytes(15).toString('base64url'), generated: true };
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('Manage admin console users (every user is an admin)');

  users
    .command('add <userName>')
    .description('Add a console user; prints a generated password unless --password-stdin')
    .option('--password-stdin', 'read the password (at least 10 characters) from stdin')
    .action(async (userName: string, options) => {
      const { password, generated } = await passwordOf(options);
      await withCliContext(async (context) => {
        await createConsoleUserService(context.db).add(userName, password);
        if (generated) process.stdout.write(`${password}\n`);
        process.stderr.write(
          `Added console user ${userName}.${generated ? ' The password above is shown only now.' : ''}\n`,
        );
      });
    });

  users
    .command('list')
    .description('List console users')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withCliContext(async (context) => {
        const records = await createConsoleUserService(context.db).list();
        if (options.json) printJson(records);
        else
          printTable(records as unknown as Record<string, unknown>[], [
            'userName',
            'createdAt',
            'passwordChangedAt',
            'lastSignInAt',
          ]);
      });
    });

  users
    .command('remove <userName>')
    .description('Remove a console user; their sessions end at once')
    .action(async (userName: string) => {
      await withCliContext(async (context) => {
        await createConsoleUserService(context.db).remove(userName);
        process.stdout.write(`Removed console user ${userName}.\n`);
      });
    });

  users
    .command('password <userName>')
    .description("Set a user's password (generated and printed unless --password-stdin); signs them out everywhere")
    .option('--password-stdin', 'read the new password from stdin')
    .action(async (userName: string, options) => {
      const { password, generated } = await passwordOf(options);
      await withCliContext(async (context) => {
        await createConsoleUserService(context.db).setPassword(userName, password);
        if (generated) process.stdout.write(`${password}\n`);
        process.stderr.write(`Set a new password for ${userName}; their sessions have ended.\n`);
      });
    });
}
