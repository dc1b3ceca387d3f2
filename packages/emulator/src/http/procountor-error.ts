// Procountor's error shape: {"errors":[{"status":400,"field":"…","message":"CODE"}]} (contract ErrorMessages, FACTS.md).
import type { FastifyError, FastifyInstance } from 'fastify';

export interface ErrorEntry {
  status: number;
  field?: string;
  message: string;
}

/** Thrown by route handlers; the error handler answers it in Procountor's shape. */
export class ProcountorApiError extends Error {
  override name = 'ProcountorApiError';
  constructor(
    readonly status: number,
    readonly entries: ErrorEntry[],
  ) {
    super(entries.map((entry) => (entry.field ? `${entry.field}: ${entry.message}` : entry.message)).join('; '));
  }

  static single(status: number, message: string, field?: string): ProcountorApiError {
    return new ProcountorApiError(status, [{ status, message, ...(field ? { field } : {}) }]);
  }

  static notFound(what: string): ProcountorApiError {
    // Assumption: Procountor names the missing resource; the contract describes no 404 body.
    return ProcountorApiError.single(404, `${what} not found`);
  }

  static badRequest(field: string | undefined, message: string): ProcountorApiError {
    return ProcountorApiError.single(400, message, field);
  }

  /** Several field problems at once (Procountor lists every violation of a request). */
  static validation(entries: Array<{ field?: string; message: string }>): ProcountorApiError {
    return new ProcountorApiError(
      400,
      entries.map((entry) => ({ status: 400, message: entry.message, ...(entry.field ? { field: entry.field } : {}) })),
    );
  }
}

export function installProcountorErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProcountorApiError, _request, reply) => {
    if (error instanceof ProcountorApiError) {
      return reply.status(error.status).send({ errors: error.entries });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx (unparseable JSON, unsupported media type, body too large).
      return reply.status(status).send({ errors: [{ status, message: error.message }] });
    }
    return reply.status(500).send({ errors: [{ status: 500, message: 'Internal server error' }] });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ errors: [{ status: 404, message: `No such path: ${request.method} ${request.url}` }] });
  });
}
