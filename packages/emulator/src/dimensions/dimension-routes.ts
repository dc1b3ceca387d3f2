// TODO(#3): dimensions and items
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerDimensionRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
