// What every route module receives: the state, the options and the clock.
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
}
