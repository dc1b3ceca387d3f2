// What every route module receives: the state, the options and the clock.
import type { FaultRules } from './faults/fault-rules';
import type { RequestLog } from './request-log/request-log';
import type { EmulatorState } from './state/emulator-state';

export interface EmulatorSettings {
  /** Requests per second per integrator client; null = no limit (default). */
  rateLimitPerSecond: number | null;
  /** Added latency per request in ms; null = none (default). */
  latencyMs: number | null;
}

export interface EmulatorContext {
  state: EmulatorState;
  settings: EmulatorSettings;
  /** Milliseconds since the epoch; replaceable so tests can move time. */
  now: () => number;
  /** Today's date (YYYY-MM-DD) in the emulator's clock. */
  today: () => string;
  /** Called after every state change that should be persisted (--state file.json). */
  markChanged: () => void;
  /** Injected faults waiting for /api requests (admin: /_emulator/faults). */
  faults: FaultRules;
  /** The last requests to /api with their answers, secrets masked (admin: /_emulator/requests). */
  requestLog: RequestLog;
}
