#!/usr/bin/env node
// The `bridge` command: runs the built CLI (dist/cli.js, written by `npm run build`). From the repository's sources
// without a build: `npm run bridge -- <command>`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error('bridge: the CLI is not built (dist/cli.js is missing): run `npm run build` in the repository first.');
  process.exit(1);
}
await import(built.href);
