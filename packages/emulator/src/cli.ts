// procountor-emulator CLI: `procountor-emulator --port 4010 [--seed demo] [--state file.json]`.
import { parseArgs } from 'node:util';
import { startEmulator } from './start-emulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('Usage: procountor-emulator [--port 4010] [--host 127.0.0.1] [--seed demo] [--state file.json]');
  process.exit(0);
}

const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  ...(values.state ? { statePath: values.state } : {}),
});
console.log(`Procountor emulator listening on ${emulator.baseUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void emulator.stop().then(() => process.exit(0));
  });
}
