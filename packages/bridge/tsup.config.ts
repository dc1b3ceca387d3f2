// Build of the bridge service (see scripts/tsup-presets.ts): node dist/main.js, the `bridge` CLI, the code API.
import { defineConfig } from 'tsup';
import { service } from '../../scripts/tsup-presets';

export default defineConfig(service({ main: 'src/main.ts', cli: 'src/cli/main.ts', index: 'src/index.ts' }));
