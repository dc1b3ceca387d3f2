// Every argument and option of a `bridge` command meets the API's text rule before the command runs: no control
// characters (an escape sequence in a name would be stored and printed), one line each (validation/storable-text.ts).
import type { Command } from 'commander';
import { textProblem } from '../validation/storable-text';
import { CliError } from './cli-context';

function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item);
}

/** Throws CliError naming the option or argument whose text cannot be stored or printed; the value is not echoed. */
export function checkCliText(command: Command): void {
  const options = command.opts();
  const named: [string, unknown][] = [
    ...command.options.map((option): [string, unknown] => [
      option.long ?? option.short ?? option.attributeName(),
      options[option.attributeName()],
    ]),
    ...command.registeredArguments.map((argument, index): [string, unknown] => [
      `<${argument.name()}>`,
      command.processedArgs[index],
    ]),
  ];
  for (const [name, value] of named) {
    for (const text of textsOf(value)) {
      const problem = textProblem(text, { multiline: false });
      if (problem) throw new CliError(`${name}: ${problem.message} (${problem.rule})`);
    }
  }
}
