// Runs the bridge as a process (npm start, `bridge serve`): start, then a graceful stop on SIGINT or SIGTERM.

import { ConfigError, loadConfig } from '../config/load-config';
import { type Bridge, createBridge } from './create-bridge';
import { applyProcessHeapSettings } from './process-heap-settings';

/** Starts the bridge from the environment; a bad configuration or a failed start prints why and exits 1. */
export async function runBridgeUntilSignal(): Promise<Bridge> {
  applyProcessHeapSettings();
  let bridge: Bridge;
  try {
    bridge = await createBridge(loadConfig());
  } catch (error) {
    // A ConfigError lists every problem; anything else is a start failure worth its message (the log has the stack).
    process.stderr.write(
      `procountor-bridge did not start: ${error instanceof ConfigError ? error.message : String(error)}\n`,
    );
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    bridge.services.logger.info({ signal }, 'bridge stopping');
    bridge.stop().then(
      () => process.exit(0),
      (error) => {
        bridge.services.logger.error({ err: error }, 'bridge did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return bridge;
}
