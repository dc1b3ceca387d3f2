// TODO(#3): persons
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerPersonRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
