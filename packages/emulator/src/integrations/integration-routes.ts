// TODO(#3): automated activation
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerIntegrationRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
