// Build of @procountor-bridge/emulator for npm (see scripts/tsup-presets.ts): the library and its command line.
import { defineConfig } from 'tsup';
import { publishableLibrary } from '../../scripts/tsup-presets';

export default defineConfig(publishableLibrary({ index: 'src/index.ts', cli: 'src/cli.ts' }));
