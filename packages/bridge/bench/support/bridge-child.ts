// The bridge alone in its own process for the benchmark, so its memory is measured without the load generator:
// createBridge as `npm start` builds it (configuration from the environment, production client defaults), without a
// demo connection. Prints "LISTENING <url>" when ready; SIGTERM stops it gracefully.
import pino from 'pino';
import { createBridge } from '../../src/composition/create-bridge';
import { loadConfig } from '../../src/config/load-config';

const bridge = await createBridge(loadConfig(), {
  logger: pino({ level: 'silent' }),
  bootstrapConnection: false,
  print: () => {},
});
process.once('SIGTERM', () => {
  void bridge.stop().finally(() => process.exit(0));
});
process.stdout.write(`LISTENING ${bridge.url}\n`);
