// The `bridge` CLI entry: builds the commander program from the registry and prints any error as one line, exit 1.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load-config';
import { BridgeError } from '../errors/bridge-error';
import { checkCliText } from './check-cli-text';
import { CLI_COMMANDS } from './cli-commands';

export function buildCliProgram(): Command {
  const program = new Command('bridge')
    .description('procountor-bridge: run the service and manage connections and tokens')
    .showHelpAfterError()
    .exitOverride()
    // One check for every command's arguments and options, before it opens the database.
    .hook('preAction', (_program, command) => checkCliText(command));
  for (const register of CLI_COMMANDS) register(program);
  return program;
}

/** One line an operator can act on: the API error's message and details, or the configuration problems. */
export function describeCliError(error: unknown): string {
  if (error instanceof BridgeError) {
    const details = error.details.map((detail) => `${detail.path}: ${detail.message}`);
    return details.length > 1 ? `${error.message} [${details.join('; ')}]` : error.message;
  }
  if (error instanceof ConfigError) {
    return `configuration: ${error.problems.map((problem) => `${problem.variable} ${problem.message}`).join('; ')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCliProgram().parseAsync(argv);
  } catch (error) {
    // Commander already printed usage errors and help; its exit code says which.
    if (error instanceof CommanderError) process.exit(error.exitCode);
    process.stderr.write(`bridge: ${describeCliError(error)}\n`);
    process.exit(1);
  }
}
