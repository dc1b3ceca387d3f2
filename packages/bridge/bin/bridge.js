#!/usr/bin/env node
// Runs the bridge's TypeScript CLI through tsx, so the package needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/run-cli.ts');
await runCli(process.argv);
