// The `bridge` command: runs the CLI on this process's arguments (bin/bridge.js runs its build, dist/cli.js).
import { runCli } from './run-cli';

await runCli(process.argv);
