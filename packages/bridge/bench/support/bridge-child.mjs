// The bridge alone in its own process for the benchmarks, so its memory is measured without the load generator:
// createBridge as `npm start` builds it (the process's heap settings, configuration and logger from the environment,
// production client defaults), without a demo connection, which `npm start` would make without Procountor
// credentials. Plain JavaScript so that plain `node` runs it: `@procountor-bridge/bridge` is then the built dist/ (as
// `npm start`); under `--conditions=@procountor-bridge/source --import tsx` it is src/. Prints "LISTENING <url>" when
// ready; SIGTERM stops it gracefully.
import { applyProcessHeapSettings, createBridge, loadConfig } from '@procountor-bridge/bridge';

applyProcessHeapSettings();
const bridge = await createBridge(loadConfig(), { bootstrapConnection: false, print: () => {} });
process.once('SIGTERM', () => {
  void bridge.stop().finally(() => process.exit(0));
});
process.stdout.write(`LISTENING ${bridge.url}\n`);
