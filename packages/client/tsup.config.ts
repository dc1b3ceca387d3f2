// Build of @procountor-bridge/client for npm (see scripts/tsup-presets.ts): one entry per `exports` subpath.
import { defineConfig } from 'tsup';
import { publishableLibrary } from '../../scripts/tsup-presets';

export default defineConfig(
  publishableLibrary({
    index: 'src/index.ts',
    'finnish/index': 'src/finnish/index.ts',
    'generated/index': 'src/generated/index.ts',
  }),
);
