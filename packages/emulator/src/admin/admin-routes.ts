// TODO(#3): the /_emulator admin surface
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerAdminRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
