// Admin: read the request log (filtered by path pattern, method, status, sequence; newest N) and clear it.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { compilePathPattern } from '../faults/path-pattern';
import { ProcountorApiError } from '../http/procountor-error';
import type { RequestLogFilter } from '../request-log/request-log';

interface RequestLogQuery {
  path?: string;
  method?: string;
  status?: string;
  after?: string;
  limit?: string;
}

function wholeNumber(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw ProcountorApiError.badRequest(field, 'must be a whole number of at least 0');
  return number;
}

export function registerRequestLogAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Querystring: RequestLogQuery }>('/_emulator/requests', async (request) => {
    const query = request.query;
    const filter: RequestLogFilter = {};
    if (query.path) filter.path = compilePathPattern(query.path, 'path');
    if (query.method) filter.method = query.method.toUpperCase();
    const status = wholeNumber(query.status, 'status');
    if (status !== undefined) filter.status = status;
    const after = wholeNumber(query.after, 'after');
    if (after !== undefined) filter.after = after;
    const limit = wholeNumber(query.limit, 'limit');
    if (limit !== undefined) filter.limit = limit;
    const entries = context.requestLog.list(filter);
    return { entries, count: entries.length, capacity: context.requestLog.capacity };
  });

  app.delete('/_emulator/requests', async (_request, reply) => {
    context.requestLog.clear();
    return reply.code(204).send();
  });
}
