// The `bridge` CLI as the tests run it: from the TypeScript sources (no build), with the repository root as cwd.
import { FROM_SOURCE_NODE_ARGS } from '../../../../scripts/source-condition';

/** `node` arguments before the command's own: `node ...BRIDGE_CLI_FROM_SOURCE users add anna`. */
export const BRIDGE_CLI_FROM_SOURCE: readonly string[] = [...FROM_SOURCE_NODE_ARGS, 'packages/bridge/src/cli/main.ts'];
