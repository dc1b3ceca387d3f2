// TODO(#3): products and groups
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerProductRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
