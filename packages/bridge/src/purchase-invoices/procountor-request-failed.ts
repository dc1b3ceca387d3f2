// Turns a failed Procountor call inside a request of these routes into a readable 502 instead of a bare 500.
import { OutcomeUnknownError, ProcountorConnectionError, ProcountorError } from '@procountor-bridge/client';
import { BridgeError } from '../errors/bridge-error';

/** 502 procountor_request_failed: Procountor refused or did not answer a call the request needed (docs/errors.md). */
export class ProcountorRequestFailedError extends BridgeError {
  override name = 'ProcountorRequestFailedError';
}

/** Runs `call`; Procountor's errors come out as ProcountorRequestFailedError with its explanation, others unchanged. */
export async function withProcountorErrors<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProcountorError) {
      throw new ProcountorRequestFailedError(
        502,
        'procountor_request_failed',
        `${what}: Procountor answered ${error.status} to ${error.method} ${error.path}. ${error.explanation.en}`,
        error.entries.map((entry) => ({
          path: entry.field ?? '(procountor)',
          rule: entry.message ?? 'procountor_error',
          message: entry.message ?? 'refused by Procountor',
        })),
        { cause: error },
      );
    }
    if (error instanceof OutcomeUnknownError || error instanceof ProcountorConnectionError) {
      throw new ProcountorRequestFailedError(
        502,
        'procountor_request_failed',
        `${what}: Procountor did not answer (${error.message}). Try again; nothing is done twice.`,
        [],
        { cause: error },
      );
    }
    throw error;
  }
}
