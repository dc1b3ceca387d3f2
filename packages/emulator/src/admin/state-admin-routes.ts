// Admin: empty the whole emulator (state, faults, request log) and count what it holds.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { resetState } from './reset-state';
import { summarizeState } from './summarize-state';

export function registerStateAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/_emulator/reset', async (_request, reply) => {
    resetState(context.state);
    context.faults.clear();
    context.requestLog.clear();
    context.markChanged();
    return reply.code(204).send();
  });

  app.get('/_emulator/state/summary', async () => summarizeState(context.state, context.now()));
}
