// Admin: add, list and clear injected faults (see faults/fault-rules.ts for the kinds).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { adminBody } from './admin-body';

export function registerFaultAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/_emulator/faults', async (request, reply) => {
    const fault = context.faults.add(adminBody(request.body));
    return reply.code(201).send(fault);
  });

  app.get('/_emulator/faults', async () => ({ faults: context.faults.list() }));

  app.delete('/_emulator/faults', async (_request, reply) => {
    context.faults.clear();
    return reply.code(204).send();
  });
}
