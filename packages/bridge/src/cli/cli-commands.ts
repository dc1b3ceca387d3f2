// The registry of `bridge` command groups. To add one (e.g. `send`, `status`): append its register function here.
import type { Command } from 'commander';
import { registerBillsCommands } from './commands/bills-command';
import { registerConnectionsCommands } from './commands/connections-command';
import { registerLinksCommands } from './commands/links-command';
import { registerNextInvoiceNumberCommands } from './commands/next-invoice-number-command';
import { registerPaymentsCommands } from './commands/payments-command';
import { registerRegistersCommands } from './commands/registers-command';
import { registerSendCommands } from './commands/send-command';
import { registerServeCommands } from './commands/serve-command';
import { registerStatusCommands } from './commands/status-command';
import { registerTokensCommands } from './commands/tokens-command';
import { registerUsersCommands } from './commands/users-command';

/** Each registers its commands on the program; one line per command group. */
export const CLI_COMMANDS: readonly ((program: Command) => void)[] = [
  registerServeCommands,
  registerConnectionsCommands,
  registerTokensCommands,
  registerSendCommands,
  registerStatusCommands,
  registerNextInvoiceNumberCommands,
  registerUsersCommands,
  registerRegistersCommands,
  registerLinksCommands,
  registerPaymentsCommands,
  registerBillsCommands,
];
