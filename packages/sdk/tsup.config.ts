// Build of @procountor-bridge/sdk for npm (see scripts/tsup-presets.ts): one entry, the package's root.
import { defineConfig } from 'tsup';
import { publishableLibrary } from '../../scripts/tsup-presets';

export default defineConfig(publishableLibrary({ index: 'src/index.ts' }));
