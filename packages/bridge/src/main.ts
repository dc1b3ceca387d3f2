// `npm start`: loads the configuration, starts the bridge and stops it gracefully on SIGINT or SIGTERM.
import { runBridgeUntilSignal } from './composition/run-until-signal';

await runBridgeUntilSignal();
