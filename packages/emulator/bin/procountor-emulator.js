#!/usr/bin/env node
// The `procountor-emulator` command: runs the built CLI (dist/cli.js). From the repository's sources without a
// build: `npm run emulator -- <options>`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error('procountor-emulator: dist/cli.js is missing: run `npm run build` in the repository first.');
  process.exit(1);
}
await import(built.href);
