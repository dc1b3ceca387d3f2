// The optional, pino-compatible logger the client writes to; the client creates none and is silent without one.

/** One log method, pino style: fields first, then a short fixed message. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/**
 * What the client needs of a logger: a pino logger (or child) fits as is. The client never logs secrets, headers or
 * bodies: only method, path, status, attempt, timing and its own request ids.
 */
export interface ProcountorLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}
